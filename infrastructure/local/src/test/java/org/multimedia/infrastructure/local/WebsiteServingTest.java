package org.multimedia.infrastructure.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.multimedia.infrastructure.emulator.Template;

/** The local system serves infrastructure/website at / with content types, nothing outside (and no developer page: retired). */
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
        assertEquals(200, get("/videos").statusCode(), "the API still answers");
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
