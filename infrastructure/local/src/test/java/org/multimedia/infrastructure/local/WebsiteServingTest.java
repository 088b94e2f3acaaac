package org.multimedia.infrastructure.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.multimedia.infrastructure.emulator.Template;

/**
 * The local system serves infrastructure/website at / with content types, nothing outside (and no
 * developer page: retired); the site has a favicon, a meta description and nothing the CSP refuses.
 */
class WebsiteServingTest {

    private static LocalSystem system;
    private static LocalApi api;

    @BeforeAll
    static void start() {
        system = LocalSystem.start(Template.locate(), 0);
        api = new LocalApi(system.url());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.stop();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return LocalApi.send(HttpRequest.newBuilder(system.url().resolve(path)));
    }

    @Test
    void theSiteAndItsTypes() throws Exception {
        HttpResponse<String> index = get("/");
        assertEquals(200, index.statusCode());
        assertEquals("text/html; charset=utf-8", index.headers().firstValue("Content-Type").orElse(""));
        assertTrue(index.body().contains("<script src=\"app.js\">"), index.body());
        assertEquals("text/javascript; charset=utf-8", get("/app.js").headers().firstValue("Content-Type").orElse(""));
        assertEquals("text/css; charset=utf-8", get("/style.css").headers().firstValue("Content-Type").orElse(""));
        assertTrue(get("/config.js").body().contains("apiBase"));
        assertEquals(404, get("/dev.html").statusCode(), "the developer page is retired: the website covers every flow");
        assertEquals(404, get("/nothing-here.html").statusCode());
        assertEquals(404, get("/lighthouse").statusCode(), "the folder's audit script is not a web file");
        assertEquals(200, get("/videos").statusCode(), "the API still answers");
        HttpResponse<String> favicon = get("/favicon.svg");
        assertEquals(200, favicon.statusCode());
        assertEquals("image/svg+xml", favicon.headers().firstValue("Content-Type").orElse(""));
        assertTrue(index.body().contains("<link rel=\"icon\" href=\"favicon.svg\""), "the favicon is linked");
        assertTrue(index.body().contains("<meta name=\"description\" content=\""), "a meta description");
        HttpResponse<String> robots = get("/robots.txt");
        assertEquals(200, robots.statusCode());
        assertEquals("text/plain; charset=utf-8", robots.headers().firstValue("Content-Type").orElse(""));
    }

    /**
     * What the CSP (no 'unsafe-inline', no 'unsafe-eval') would refuse, looked for in the files
     * themselves: inline scripts, style elements and attributes (also in HTML that app.js builds),
     * event-handler attributes, eval and its relatives.
     */
    @Test
    void theSiteHasNoInlineCodeOrStyleAndNoEval() throws Exception {
        String index = get("/").body();
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)", Pattern.CASE_INSENSITIVE).matcher(index).find(),
                "every script of index.html is a file");
        for (String file : new String[] {"/", "/app.js", "/i18n.js", "/config.js"}) {
            String text = get(file).body();
            assertFalse(Pattern.compile("<style|\\sstyle\\s*=", Pattern.CASE_INSENSITIVE).matcher(text).find(),
                    file + ": no <style> element and no style attribute (classes in style.css)");
            assertFalse(Pattern.compile("\\son[a-z]+\\s*=\\s*[\"']", Pattern.CASE_INSENSITIVE).matcher(text).find(),
                    file + ": no event-handler attribute");
            assertFalse(Pattern.compile("\\beval\\s*\\(|new\\s+Function\\s*\\(|set(Timeout|Interval)\\s*\\(\\s*[\"'`]|javascript:")
                    .matcher(text).find(), file + ": no eval, new Function, string timer or javascript: URL");
        }
    }

    @Test
    void noDirectoryTraversal() throws Exception {
        assertEquals(404, get("/%2e%2e/%2e%2e/template.yaml").statusCode());
        assertEquals(404, get("/..%2f..%2ftemplate.yaml").statusCode());
        assertEquals(404, get("/%2e%2e%5c%2e%2e%5ctemplate.yaml").statusCode());
        // a raw request line, as a client that does not normalise would send it
        try (Socket socket = new Socket("127.0.0.1", system.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /../../template.yaml HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(!answer.contains("AWSTemplateFormatVersion") && !answer.contains("Transform:"), answer);
        }
    }
}
