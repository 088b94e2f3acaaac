package org.multimedia.infrastructure.local;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.sun.net.httpserver.HttpExchange;

/**
 * The portal's website (infrastructure/website) served at / as static files of the web's types,
 * nothing outside its folder.
 */
final class WebsiteFiles {

    /** The type of a name with no web file extension: such a file is not served. */
    static final String NOT_A_WEB_FILE = "application/octet-stream";

    private final Path website;
    private final GatewayResponses responses;

    /** website: the folder, or null (a template without the site: every path is 404). */
    WebsiteFiles(Path website, GatewayResponses responses) {
        this.website = website != null && Files.isDirectory(website) ? website.toAbsolutePath().normalize() : null;
        this.responses = responses;
    }

    /** A file of the website; no directory traversal: a decoded path with .. or a backslash is refused. */
    void serve(HttpExchange exchange, String rawPath, String origin) throws IOException {
        String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (path.endsWith("/")) {
            path = path + "index.html";
        }
        Path file = null;
        if (website != null && !path.contains("..") && !path.contains("\\") && path.indexOf('\0') < 0
                && path.startsWith("/")) {
            Path candidate = website.resolve(path.substring(1)).normalize();
            // Web files only: the folder's tools (the lighthouse script) are not part of the site.
            if (candidate.startsWith(website) && Files.isRegularFile(candidate)
                    && !contentType(candidate.getFileName().toString()).equals(NOT_A_WEB_FILE)) {
                file = candidate;
            }
        }
        if (file == null) {
            responses.json(exchange, 404, GatewayResponses.NOT_FOUND, origin);
            return;
        }
        // The security headers (nosniff, CSP...) are the portal's response headers policy's: GatewayResponses adds them.
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        responses.send(exchange, 200, contentType(file.getFileName().toString()), Files.readAllBytes(file), origin);
    }

    static String contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        return switch (dot < 0 ? "" : lower.substring(dot + 1)) {
            case "html", "htm" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "js", "mjs" -> "text/javascript; charset=utf-8";
            case "json" -> "application/json";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "ico" -> "image/x-icon";
            case "txt" -> "text/plain; charset=utf-8";
            case "webmanifest" -> "application/manifest+json";
            case "woff2" -> "font/woff2";
            default -> NOT_A_WEB_FILE;
        };
    }
}
