package org.multimedia.operations.site;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SitePublisherTest {

    static final String PAGE = """
            <!doctype html>
            <html lang="en"><head>
            <link rel="stylesheet" href="style.css">
            <link rel="icon" href="/favicon.svg" type="image/svg+xml">
            <link rel="manifest" href="./site.webmanifest">
            <link rel="preconnect" href="https://videos.example.org">
            </head><body>
            <a class="skip" href="#main">Skip to content</a>
            <a href="#/register">Register</a>
            <img src='icons/logo.png' alt="">
            <script src="config.js"></script>
            <script src="app.js?v=1"></script>
            </body></html>
            """;

    static List<SiteFile> site(String appJs) {
        return List.of(
                SiteFile.of("index.html", PAGE),
                SiteFile.of("app.js", appJs),
                SiteFile.of("config.js", "window.MM_CONFIG = { apiBase: \"\" };\n"),
                SiteFile.of("style.css", "body { margin: 0 }\n"),
                SiteFile.of("favicon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
                SiteFile.of("site.webmanifest", "{\"icons\":[{\"src\":\"icons/logo.png\"}]}"),
                new SiteFile("icons/logo.png", new byte[]{(byte) 0x89, 'P', 'N', 'G'}));
    }

    private final InMemorySiteBucket bucket = new InMemorySiteBucket();
    private final SitePublisher publisher = new SitePublisher(bucket);

    @Test
    void everyFileButThePageIsStoredUnderItsContentHashForAYear() throws Exception {
        publisher.publish(site("console.log(1);"));

        String hash = sha256("console.log(1);").substring(0, 10);
        InMemorySiteBucket.StoredObject app = bucket.objects.get("app." + hash + ".js");
        assertTrue(app != null, "app.js under its hash: " + bucket.objects.keySet());
        assertEquals("console.log(1);", app.text());
        assertEquals("public, max-age=31536000, immutable", app.cacheControl());
        assertTrue(bucket.objects.keySet().containsAll(Set.of("index.html", "app.js", "config.js", "style.css", "favicon.svg",
                "site.webmanifest", "icons/logo.png", "app." + hash + ".js",
                "config." + sha256("window.MM_CONFIG = { apiBase: \"\" };\n").substring(0, 10) + ".js",
                "style." + sha256("body { margin: 0 }\n").substring(0, 10) + ".css")), bucket.objects.keySet().toString());
        assertEquals(7 + 6, bucket.objects.size(), "each of the 6 assets hashed and under its own name, and the page");
        bucket.objects.forEach((key, object) -> {
            boolean hashed = key.matches(".*\\.[0-9a-f]{10}(\\.[a-z]+)?$");
            assertEquals(hashed ? "public, max-age=31536000, immutable" : "no-cache", object.cacheControl(), key);
        });
    }

    @Test
    void hashedNamesKeepTheExtensionLast() {
        assertEquals("app.0123456789.js", SiteRelease.hashedName("app.js", "0123456789"));
        assertEquals("icons/logo.min.0123456789.png", SiteRelease.hashedName("icons/logo.min.png", "0123456789"));
        assertEquals("site.0123456789.webmanifest", SiteRelease.hashedName("site.webmanifest", "0123456789"));
        assertEquals("LICENSE.0123456789", SiteRelease.hashedName("LICENSE", "0123456789"));
        assertEquals("a.b/LICENSE.0123456789", SiteRelease.hashedName("a.b/LICENSE", "0123456789"));
    }

    @Test
    void thePageNamesTheHashedFilesAndIsRevalidatedOnEveryVisit() {
        SiteRelease release = SiteRelease.of(site("x()"));
        publisher.publish(site("x()"));

        InMemorySiteBucket.StoredObject index = bucket.objects.get("index.html");
        assertEquals("no-cache", index.cacheControl());
        assertEquals("text/html; charset=utf-8", index.contentType());
        String page = index.text();
        Map<String, String> hashed = release.hashedNames();
        assertTrue(page.contains("href=\"" + hashed.get("style.css") + "\""), page);
        assertTrue(page.contains("href=\"/" + hashed.get("favicon.svg") + "\""), page);
        assertTrue(page.contains("href=\"./" + hashed.get("site.webmanifest") + "\""), page);
        assertTrue(page.contains("src='" + hashed.get("icons/logo.png") + "'"), page);
        assertTrue(page.contains("src=\"" + hashed.get("config.js") + "\""), page);
        assertTrue(page.contains("src=\"" + hashed.get("app.js") + "?v=1\""), page);
        // what is no file of the site stays as it was
        assertTrue(page.contains("href=\"https://videos.example.org\""), page);
        assertTrue(page.contains("href=\"#main\"") && page.contains("href=\"#/register\""), page);
        assertEquals(PAGE.replaceAll("(href|src)=[\"'][^\"']*[\"']", ""), page.replaceAll("(href|src)=[\"'][^\"']*[\"']", ""),
                "only references change");

        for (String key : SiteRelease.references(page)) {
            if (!key.startsWith("https")) {
                assertTrue(bucket.objects.containsKey(key), key + " named by the page is in the bucket");
                assertTrue(bucket.objects.get(key).cacheControl().contains("immutable"), key);
            }
        }
    }

    @Test
    void contentTypesAreTheOnesBrowsersExpect() {
        publisher.publish(site("x()"));
        Map<String, String> expected = Map.of(
                "index.html", "text/html; charset=utf-8",
                "app.js", "text/javascript; charset=utf-8",
                "config.js", "text/javascript; charset=utf-8",
                "style.css", "text/css; charset=utf-8",
                "favicon.svg", "image/svg+xml",
                "site.webmanifest", "application/manifest+json",
                "icons/logo.png", "image/png");
        expected.forEach((key, type) -> assertEquals(type, bucket.objects.get(key).contentType(), key));
        assertEquals("image/x-icon", SiteRelease.contentType("favicon.ico"));
        assertEquals("application/json", SiteRelease.contentType("a/b.JSON"));
        assertEquals("application/octet-stream", SiteRelease.contentType("README"));
        SiteRelease release = SiteRelease.of(site("x()"));
        release.uploads().forEach(u -> assertEquals(SiteRelease.contentType(u.key()), u.contentType(), u.key()));
    }

    @Test
    void thePageIsStoredLastSoThatItNeverNamesAFileNotThereYet() {
        publisher.publish(site("x()"));
        List<String> puts = bucket.calls.stream().filter(c -> c.startsWith("put ")).toList();
        assertEquals("put index.html", puts.get(puts.size() - 1));
    }

    @Test
    void aReleaseKeepsTheFilesOfThePageItReplacesAndDeletesOlderOnes() {
        publisher.publish(site("release(1)"));
        Set<String> first = SiteRelease.references(bucket.objects.get("index.html").text());
        publisher.publish(site("release(2)"));
        Set<String> second = SiteRelease.references(bucket.objects.get("index.html").text());
        assertTrue(bucket.objects.keySet().containsAll(only(first)), "a visitor holding the first page still loads its files");
        assertTrue(bucket.objects.keySet().containsAll(only(second)));

        SitePublisher.Publication third = publisher.publish(site("release(3)"));
        Set<String> current = SiteRelease.references(bucket.objects.get("index.html").text());
        assertTrue(bucket.objects.keySet().containsAll(only(second)), "the previous page's files are kept");
        assertTrue(bucket.objects.keySet().containsAll(only(current)));
        String firstApp = first.stream().filter(k -> k.startsWith("app.")).findFirst().orElseThrow();
        assertFalse(bucket.objects.containsKey(firstApp), "the release before the previous one is gone");
        assertEquals(List.of(firstApp), third.deleted(), "only what changed goes: the other files kept their hash");
    }

    @Test
    void aFileNoLongerInTheSiteGoesAfterOneRelease() {
        publisher.publish(site("x()"));
        List<SiteFile> withoutManifest = site("x()").stream().filter(f -> !f.path().equals("site.webmanifest")).toList();
        publisher.publish(withoutManifest);
        assertFalse(bucket.objects.containsKey("site.webmanifest"), "its own name is no release's");
        assertTrue(bucket.objects.keySet().stream().anyMatch(k -> k.matches("site\\.[0-9a-f]{10}\\.webmanifest")),
                "the previous page names its hashed copy");
        publisher.publish(withoutManifest);
        assertTrue(bucket.objects.keySet().stream().noneMatch(k -> k.startsWith("site.")), bucket.objects.keySet().toString());
    }

    @Test
    void publishingTheSameSiteAgainStoresOnlyWhatIsRevalidated() {
        publisher.publish(site("x()"));
        Map<String, InMemorySiteBucket.StoredObject> before = Map.copyOf(bucket.objects);
        bucket.calls.clear();
        SitePublisher.Publication again = publisher.publish(site("x()"));
        assertEquals(before.keySet(), bucket.objects.keySet());
        assertEquals(List.of(), again.deleted());
        assertTrue(again.stored().stream().noneMatch(k -> k.matches(".*\\.[0-9a-f]{10}\\..*")), "hashed files are never stored twice: " + again.stored());
        assertEquals(SiteRelease.of(site("x()")).version(), again.version());
        assertNotEquals(SiteRelease.of(site("y()")).version(), again.version());
    }

    @Test
    void emptyingDeletesEveryObjectAndAMissingBucketIsEmpty() {
        publisher.publish(site("x()"));
        bucket.put("left-by-hand.txt", new byte[1], "text/plain", "no-cache");
        int objects = bucket.objects.size();
        assertEquals(objects, publisher.empty());
        assertEquals(Map.of(), bucket.objects);

        bucket.missing = true;
        assertEquals(0, publisher.empty());
        assertThrows(SiteBucket.Missing.class, () -> publisher.publish(site("x()")));
    }

    @Test
    void aSiteWithoutItsPageIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> publisher.publish(List.of(SiteFile.of("app.js", "x()"))));
        assertEquals(List.of(), bucket.calls);
        assertThrows(IllegalArgumentException.class, () -> SiteFile.of("../etc/passwd", ""));
    }

    // ------------------------------------------------------------------ the shipped site

    @Test
    void theShippedSiteIsOnTheClasspathWithItsPageAndTheSameOriginConfiguration() throws IOException {
        List<SiteFile> files = new ShippedSite().files();
        Set<String> paths = new TreeSet<>();
        files.forEach(f -> paths.add(f.path()));
        assertTrue(paths.containsAll(Set.of("index.html", "config.js", "app.js")), paths.toString());
        Path website = repositoryRoot().resolve("infrastructure/website");
        try (var walk = Files.walk(website)) {
            Set<String> shipped = new TreeSet<>();
            walk.filter(Files::isRegularFile).forEach(f -> shipped.add(website.relativize(f).toString().replace('\\', '/')));
            assertEquals(shipped, paths, "every file of infrastructure/website, nothing else");
        }
        String config = files.stream().filter(f -> f.path().equals("config.js")).findFirst().orElseThrow().text();
        assertTrue(config.replaceAll("//[^\\n]*", "").matches("(?s).*apiBase\\s*:\\s*\"\".*"),
                "the website calls its own origin: " + config);
        SiteRelease release = SiteRelease.of(files);
        for (String key : SiteRelease.references(new String(release.index().content(), StandardCharsets.UTF_8))) {
            assertTrue(release.keys().contains(key) || key.contains("//") || key.startsWith("#"),
                    "the shipped page names " + key + ", which the release stores");
        }
    }

    @Test
    void theSiteIsReadFromAJarAsLambdaLoadsIt(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("functions-lambda.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "org/multimedia/Some.class", "not read");
            out.putNextEntry(new JarEntry("site/"));
            out.closeEntry();
            entry(out, "site/index.html", PAGE);
            entry(out, "site/app.js", "x()");
            entry(out, "site/icons/logo.png", "png");
            entry(out, "sites/other.txt", "not the site");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            List<SiteFile> files = ShippedSite.read(loader, "site/");
            assertEquals(List.of("app.js", "icons/logo.png", "index.html"), files.stream().map(SiteFile::path).sorted().toList());
            assertEquals(PAGE, files.stream().filter(f -> f.path().equals("index.html")).findFirst().orElseThrow().text());
            assertThrows(IllegalStateException.class, () -> ShippedSite.read(loader, "nothing/"));
        }
    }

    private static void entry(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream body = out;
        body.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    private static Set<String> only(Set<String> references) {
        Set<String> ours = new TreeSet<>(references);
        ours.removeIf(k -> k.contains("//"));
        return ours;
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        return dir;
    }

}
