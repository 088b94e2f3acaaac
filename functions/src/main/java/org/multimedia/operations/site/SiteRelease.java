package org.multimedia.operations.site;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one release of the website puts in the bucket, decided from the shipped files alone (no
 * AWS call: priming builds one too).
 * <p>
 * Every file but {@code index.html} is stored under a name that carries its content's hash
 * ({@code app.js} → {@code app.1a2b3c4d5e.js}: SHA-256, first 10 hex digits) with a year-long
 * {@code immutable} cache: a name never gets other content, so browsers and the distribution keep
 * it without asking again. {@code index.html} is rewritten to name those files and is stored with
 * {@code no-cache}: every visit asks whether the page changed, so a release reaches everyone at
 * once. Each file is also stored under its own name with {@code no-cache}, for whatever asks for it
 * by that name rather than through the page (a browser's {@code /favicon.ico}, a manifest's icons, a
 * stylesheet's {@code url(...)}).
 */
public final class SiteRelease {

    public static final String INDEX = "index.html";
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    public static final String REVALIDATE = "no-cache";
    static final int HASH_DIGITS = 10;

    /** href and src attributes with a relative or root-relative path (an optional query or fragment kept). */
    private static final Pattern REFERENCE = Pattern.compile(
            "(\\b(?:href|src)\\s*=\\s*)([\"'])(\\./|/)?([^\"'?#:]+)([?#][^\"']*)?\\2", Pattern.CASE_INSENSITIVE);

    /** Content types of what a website holds; anything else is stored as bytes. */
    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("xml", "application/xml"),
            Map.entry("map", "application/json"));

    /** One object to store: its key, content and the headers visitors get with it. */
    public record Upload(String key, byte[] content, String contentType, String cacheControl) {

        public boolean immutable() {
            return IMMUTABLE.equals(cacheControl);
        }

        @Override
        public String toString() {
            return key + " (" + contentType + ", " + cacheControl + ", " + content.length + " bytes)";
        }
    }

    private final Map<String, String> hashedNames;
    private final List<Upload> uploads;
    private final Upload index;

    private SiteRelease(Map<String, String> hashedNames, List<Upload> uploads, Upload index) {
        this.hashedNames = hashedNames;
        this.uploads = uploads;
        this.index = index;
    }

    public static SiteRelease of(Collection<SiteFile> files) {
        Map<String, SiteFile> byPath = new TreeMap<>();
        files.forEach(f -> {
            if (byPath.put(f.path(), f) != null) {
                throw new IllegalArgumentException("The site has two files " + f.path());
            }
        });
        SiteFile page = byPath.get(INDEX);
        if (page == null) {
            throw new IllegalArgumentException("The site has no " + INDEX);
        }
        Map<String, String> hashed = new TreeMap<>();
        List<Upload> assets = new ArrayList<>();
        List<Upload> ownNames = new ArrayList<>();
        byPath.values().stream().filter(f -> !f.path().equals(INDEX)).forEach(f -> {
            String key = hashedName(f.path(), hash(f.content()));
            hashed.put(f.path(), key);
            assets.add(new Upload(key, f.content(), contentType(f.path()), IMMUTABLE));
            ownNames.add(new Upload(f.path(), f.content(), contentType(f.path()), REVALIDATE));
        });
        byte[] rewritten = rewrite(page.text(), hashed).getBytes(StandardCharsets.UTF_8);
        Upload index = new Upload(INDEX, rewritten, contentType(INDEX), REVALIDATE);
        // The page last: a visitor never gets a page that names a file not stored yet.
        List<Upload> uploads = new ArrayList<>(assets);
        uploads.addAll(ownNames);
        uploads.add(index);
        return new SiteRelease(Map.copyOf(hashed), List.copyOf(uploads), index);
    }

    /** Every object of the release, in the order to store them ({@code index.html} last). */
    public List<Upload> uploads() {
        return uploads;
    }

    public Upload index() {
        return index;
    }

    /** The key each file (other than the page) is stored under with its hash. */
    public Map<String, String> hashedNames() {
        return hashedNames;
    }

    /** Every key the release stores. */
    public Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        uploads.forEach(u -> keys.add(u.key()));
        return keys;
    }

    /** The hash of the rewritten page: it changes when any file of the site does. */
    public String version() {
        return hash(index.content());
    }

    /** {@code app.js} + hash → {@code app.<hash>.js}; {@code icons/a.b.png} → {@code icons/a.b.<hash>.png}; no extension → {@code name.<hash>}. */
    static String hashedName(String path, String hash) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash + 1) { // no extension (or a dot file)
            return path + "." + hash;
        }
        return path.substring(0, dot) + "." + hash + path.substring(dot);
    }

    static String hash(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)).substring(0, HASH_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    static String contentType(String path) {
        int dot = path.lastIndexOf('.');
        String extension = dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    /** The page with each href/src that names a file of the site pointing at that file's hashed name. */
    static String rewrite(String page, Map<String, String> hashed) {
        Matcher m = REFERENCE.matcher(page);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String target = hashed.get(m.group(4));
            String replacement = target == null ? m.group()
                    : m.group(1) + m.group(2) + (m.group(3) == null ? "" : m.group(3)) + target
                    + (m.group(5) == null ? "" : m.group(5)) + m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The bucket keys a (stored) page names through href and src: what visitors holding that page still load. */
    public static Set<String> references(String page) {
        Set<String> keys = new TreeSet<>();
        Matcher m = REFERENCE.matcher(page);
        while (m.find()) {
            keys.add(m.group(4));
        }
        return keys;
    }

    /** For logs: file → hashed key. */
    @Override
    public String toString() {
        return new LinkedHashMap<>(hashedNames).toString();
    }
}
