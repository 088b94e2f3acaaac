package org.multimedia.operations.site;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One file of the website as shipped in the deployment package.
 *
 * @param path    its path below the site's folder, with {@code /} between folders ({@code index.html}, {@code icons/a.png})
 * @param content its bytes
 */
public record SiteFile(String path, byte[] content) {

    public SiteFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("..")) {
            throw new IllegalArgumentException("Not a relative path below the site's folder: " + path);
        }
    }

    public static SiteFile of(String path, String text) {
        return new SiteFile(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SiteFile f && f.path.equals(path) && java.util.Arrays.equals(f.content, content);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + java.util.Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return path + " (" + content.length + " bytes)";
    }
}
