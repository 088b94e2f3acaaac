package org.multimedia.infrastructure.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multimedia.identity.Language;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CloudFront Function of the catalogue's behaviours (template.yaml, CatalogueLanguageFunction),
 * its code taken from the template and run under node: it reduces Accept-Language to `en` or `fr`,
 * the language the API itself chooses from the original header ({@link Language#negotiate}, called
 * here on the same headers), removes it when the query names `lang`, and leaves every method but
 * GET and HEAD alone. So a cached answer is the one the API would have given the visitor. Also the limits CloudFront
 * puts on a function: JavaScript runtime 2.0 (no network, timers, modules or dynamic code:
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-function-restrictions.html)
 * and code of at most 10 KB (CloudFront quotas, "Quotas on CloudFront Functions").
 */
class CatalogueLanguageFunctionTest {

    static final String FUNCTION = "CatalogueLanguageFunction";
    /** CloudFront quota: "Maximum size of a function", 10 KB. */
    static final int MAX_CODE_BYTES = 10 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    static String code;

    @BeforeAll
    static void code() throws IOException {
        JsonNode function = new YAMLMapper().readTree(TemplateTest.ROOT.resolve("template.yaml").toFile())
                .path("Resources").path(FUNCTION);
        assertEquals("AWS::CloudFront::Function", function.path("Type").asText());
        code = function.path("Properties").path("FunctionCode").asText();
        assertFalse(code.isBlank());
    }

    /** The API's choice from the raw header (no `lang`). */
    static String api(String header) {
        return Language.negotiate(Optional.empty(), Optional.ofNullable(header)).tag();
    }

    @Test
    void browsersHeadersBecomeEnOrFrAsTheApiWouldChoose(@TempDir Path dir) throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(null, "en");
        expected.put("", "en");
        expected.put("fr", "fr");
        expected.put("FR", "fr");
        expected.put("fr-CA,fr;q=0.9,en;q=0.8", "fr");
        expected.put("en-US,en;q=0.9,fr;q=0.8", "en");
        expected.put("de-DE,de;q=0.9,fr;q=0.5,en;q=0.3", "fr");
        expected.put("de-CH", "en");
        expected.put("fr;q=0.5, en;q=0.8", "en");
        expected.put("en;q=0.5, fr;q=0.5", "en");
        expected.put("fr;q=0.5, en;q=0.5", "fr");
        expected.put("en;q=0, fr", "fr");
        expected.put("fr;q=0", "en");
        expected.put("*", "en");
        expected.put("de, *;q=0.5, fr;q=0.3", "en");
        expected.put("*;q=0.5, fr", "fr");
        expected.put("en;q=0, *", "fr");
        expected.put("fr-CA;q=0, fr;q=0.5", "fr");
        expected.put("fr-Latn-CA", "fr");
        expected.put("fr;q=abc", "en");
        expected.put("fr;q=1.5", "en");
        expected.put("fr_FR", "en");
        expected.put(",fr", "en");
        expected.put("fr,", "fr");
        expected.put("fr" + ",de".repeat(341), "en"); // 1,025 characters
        expected.put("fr" + ",de".repeat(340), "fr"); // 1,022
        List<String> headers = new ArrayList<>(expected.keySet());
        List<String> answers = languages(dir, headers);
        for (int i = 0; i < headers.size(); i++) {
            assertEquals(expected.get(headers.get(i)), answers.get(i), "Accept-Language: " + headers.get(i));
            assertEquals(api(headers.get(i)), answers.get(i), "the API's choice for Accept-Language: " + headers.get(i));
        }
    }

    /**
     * Headers made at random from the header's grammar, well- and ill-formed, against the API. Left
     * out: q-values the JDK's LanguageRange.parse reads with Double.parseDouble but RFC 9110 does
     * not allow and no browser sends (`0.5d`, `1e-1`, `NaN`, `0x1p-1`, tabs around the number).
     */
    @Test
    void thousandsOfGeneratedHeadersGetTheApisAnswer(@TempDir Path dir) throws Exception {
        String[] ranges = {"en", "fr", "de", "es", "*", "en-US", "en-GB", "fr-CA", "fr-CH", "fr-FR", "de-DE",
                "zh-Hant-TW", "*-CA", "fr-*", "x-private", "i-klingon", "FR", "En-Us", "frr", "e", "f", "123", "fr_FR",
                "", "fr-toolongsubtag", "fr-x-a", "en-a-b-c", "fr-1234567", "fr-Latn", "é"};
        String[] weights = {null, null, null, "1", "0", "0.0", "0.5", "0.8", "0.9", ".5", "1.0", "1.000", "0.", "0.123",
                "1.5", "-0.1", "abc", "", "0.5;q=0.3", "1.001"};
        String[] separators = {",", ", ", " ,", " , ", ",,"};
        String[] qs = {";q=", "; q=", ";Q=", " ;q=", ";"};
        Random random = new Random(20);
        List<String> headers = new ArrayList<>();
        for (int n = 0; n < 3000; n++) {
            StringBuilder header = new StringBuilder();
            int count = 1 + random.nextInt(6);
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    header.append(separators[random.nextInt(10) == 0 ? random.nextInt(separators.length) : random.nextInt(2)]);
                }
                header.append(ranges[random.nextInt(ranges.length)]);
                String weight = weights[random.nextInt(weights.length)];
                if (weight != null) {
                    header.append(qs[random.nextInt(8) == 0 ? random.nextInt(qs.length) : 0]).append(weight);
                }
            }
            headers.add(header.toString());
        }
        List<String> answers = languages(dir, headers);
        List<String> different = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            if (!api(headers.get(i)).equals(answers.get(i))) {
                different.add("'" + headers.get(i) + "': function " + answers.get(i) + ", API " + api(headers.get(i)));
            }
        }
        assertEquals(List.of(), different);
        assertTrue(answers.contains("fr") && answers.contains("en"), "both languages come out");
    }

    @Test
    void langInTheQueryRemovesTheHeaderSoTheBrowsersLanguageSplitsNothing(@TempDir Path dir) throws Exception {
        ArrayNode events = JSON.createArrayNode();
        events.add(event("GET", "fr-CA", Map.of("lang", "en")));
        events.add(event("GET", null, Map.of("lang", "fr")));
        events.add(event("HEAD", "de", Map.of("lang", "xx", "q", "defence")));
        events.add(event("GET", "de", Map.of("q", "defence")));
        JsonNode requests = run(dir, events);
        for (int i = 0; i < 3; i++) {
            assertTrue(requests.get(i).path("headers").path("accept-language").isMissingNode(), requests.get(i).toString());
        }
        assertEquals("en", requests.get(3).path("headers").path("accept-language").path("value").asText());
        assertEquals("defence", requests.get(3).path("querystring").path("q").path("value").asText(), "the query is kept");
    }

    @Test
    void otherMethodsAndOtherHeadersPassUntouched(@TempDir Path dir) throws Exception {
        ArrayNode events = JSON.createArrayNode();
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
            events.add(event(method, "fr-CA;q=0.7, de", Map.of()));
        }
        events.add(event("GET", "fr-CA;q=0.7, de", Map.of()));
        ObjectNode head = event("HEAD", "fr-CA;q=0.7, de", Map.of());
        events.add(head);
        JsonNode requests = run(dir, events);
        for (int i = 0; i < 5; i++) {
            assertEquals(events.get(i).path("request"), requests.get(i), "a " + events.get(i).path("request").path("method") + " is not touched");
        }
        for (int i = 5; i < 7; i++) {
            JsonNode request = requests.get(i);
            assertEquals("fr", request.path("headers").path("accept-language").path("value").asText());
            assertEquals("Bearer abc.def.ghi", request.path("headers").path("authorization").path("value").asText());
            assertEquals("/videos", request.path("uri").asText());
            assertEquals(events.get(i).path("request").path("method"), request.path("method"));
        }
    }

    @Test
    void theCodeKeepsToCloudFrontFunctionsLimits() {
        assertTrue(code.getBytes(StandardCharsets.UTF_8).length <= MAX_CODE_BYTES,
                "FunctionSizeLimitExceeded: " + code.getBytes(StandardCharsets.UTF_8).length + " bytes, quota " + MAX_CODE_BYTES);
        assertTrue(Pattern.compile("(?m)^function handler\\(event\\)").matcher(code).find(), "CloudFront calls handler(event)");
        // No modules (require/import), no network, no timers, no dynamic code in the runtime.
        for (String restricted : List.of("require(", "import ", "import(", "eval(", "new Function", "setTimeout", "setInterval",
                "fetch(", "XMLHttpRequest", "process.", "console.")) {
            assertFalse(code.contains(restricted), "CloudFront Functions have no " + restricted);
        }
        // ES 5.1 only (runtime 2.0 has parts of ES 6-12; keeping to 5.1 leaves nothing to check against its list).
        Matcher newer = Pattern.compile("\\b(let|const|class|async|await)\\b|=>|`").matcher(code);
        assertFalse(newer.find(), "ES 5.1 syntax only: " + (newer.find(0) ? newer.group() : ""));
    }

    // ------------------------------------------------------------------ running the function

    private static ObjectNode event(String method, String acceptLanguage, Map<String, String> query) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "1.0");
        event.putObject("context").put("eventType", "viewer-request");
        event.putObject("viewer").put("ip", "198.51.100.7");
        ObjectNode request = event.putObject("request");
        request.put("method", method);
        request.put("uri", "/videos");
        ObjectNode querystring = request.putObject("querystring");
        query.forEach((name, value) -> querystring.putObject(name).put("value", value));
        // Header names are lower case in the events CloudFront passes.
        ObjectNode headers = request.putObject("headers");
        headers.putObject("host").put("value", "d111111abcdef8.cloudfront.net");
        headers.putObject("authorization").put("value", "Bearer abc.def.ghi");
        if (acceptLanguage != null) {
            headers.putObject("accept-language").put("value", acceptLanguage);
        }
        request.putObject("cookies");
        return event;
    }

    /** The Accept-Language the function leaves on a GET carrying each header (absent: none sent). */
    private static List<String> languages(Path dir, List<String> headers) throws Exception {
        ArrayNode events = JSON.createArrayNode();
        headers.forEach(h -> events.add(event("GET", h, Map.of())));
        JsonNode requests = run(dir, events);
        List<String> languages = new ArrayList<>();
        requests.forEach(r -> languages.add(r.path("headers").path("accept-language").path("value").asText("(none)")));
        return languages;
    }

    /** Each event through the template's code under node: the requests handler returns. */
    private static JsonNode run(Path dir, ArrayNode events) throws Exception {
        Path script = dir.resolve("function.cjs");
        Files.writeString(script, code + "\n;(function () {\n"
                + "  var events = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
                + "  process.stdout.write(JSON.stringify(events.map(function (e) { return handler(e); })));\n"
                + "})();\n");
        Path input = dir.resolve("events.json");
        JSON.writeValue(input.toFile(), events);
        Process node;
        try {
            node = new ProcessBuilder("node", "--use-strict", script.toString()).redirectInput(input.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("node is needed to run the CloudFront Function's code (Debian: apt-get install nodejs)", e);
        }
        byte[] out = node.getInputStream().readAllBytes();
        String err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(1, TimeUnit.MINUTES), "node did not finish");
        assertEquals(0, node.exitValue(), err);
        JsonNode requests = JSON.readTree(out);
        assertEquals(events.size(), requests.size());
        return requests;
    }
}
