package org.multimedia.infrastructure.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.multimedia.infrastructure.emulator.Template;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The website's journeys in a real headless Chromium (Debian's chromium + chromedriver, driven by
 * Selenium) against the real local system, under the portal's production headers (the local
 * gateway adds template.yaml's PortalHeadersPolicy, CSP included). A journey fails on any CSP
 * violation or error in the browser's console (a listener for {@code securitypolicyviolation} is
 * put in every page before its scripts run; the API's deliberate 4xx answers are the one
 * exception). Screenshots of every main screen at desktop and phone widths go to
 * target/screenshots/, and one of the page when a journey fails.
 */
class WebsiteBrowserTest {

    private static final Path CHROMIUM = Paths.get(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Paths.get(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    private static final Path SHOTS = Paths.get("target", "screenshots");
    private static final String GOOD = "Correct-Horse-9x";
    private static final String NEWER = "Brand-New-Pass-42!";
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Put in every document before its own scripts (DevTools; not subject to the page's CSP). */
    private static final String VIOLATION_LISTENER = "document.addEventListener('securitypolicyviolation', function (e) {"
            + " console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)')"
            + " + ' in ' + e.sourceFile + ':' + e.lineNumber + (e.sample ? ' \"' + e.sample + '\"' : '')); }, true);";
    /** The console's line for an answer with an error status: {@code URL - Failed to load resource: ... status of 4xx}. */
    private static final Pattern FAILED_LOAD = Pattern.compile(
            "^(\\S+) - Failed to load resource: the server responded with a status of (\\d{3})");
    private static final Pattern API_PATH = Pattern.compile("^/(account|videos|newsletter|downloads|terms)(/|\\?|$)");

    private static LocalSystem system;
    private static LocalApi api;
    private static Path profile;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        Files.createDirectories(SHOTS);
        system = LocalSystem.start(Template.locate(), 0);
        api = new LocalApi(system.url());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.stop();
        }
    }

    private void open() throws IOException {
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--lang=en-GB", "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", VIOLATION_LISTENER));
        driver.manage().window().setSize(new Dimension(1280, 900));
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        // The pages re-render what they poll (campaign progress): an element found a moment ago may be replaced.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    private void close() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    interface Journey {
        void run() throws Exception;
    }

    /** Runs a journey in a fresh browser; a failure leaves a screenshot of the page. */
    private void journey(TestInfo info, Journey journey) throws Exception {
        open();
        try {
            journey.run();
            assertCleanConsole();
        } catch (Throwable failure) {
            try {
                Files.copy(((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath(),
                        SHOTS.resolve("FAILED-" + info.getTestMethod().map(m -> m.getName()).orElse("journey") + ".png"),
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (RuntimeException ignored) {
                // the browser may be gone
            }
            throw failure;
        } finally {
            close();
        }
    }

    /**
     * The console's errors since the last look, CSP violations (the browser's own report and the
     * listener's) among them; an error answer of the API (a wrong password, a wrong code: the
     * journeys make them on purpose) is not one.
     */
    private List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            String message = entry.getMessage();
            boolean violation = message.contains("Content Security Policy") || message.contains("CSP violation");
            if (entry.getLevel().intValue() < Level.SEVERE.intValue() && !violation) {
                continue;
            }
            Matcher failed = FAILED_LOAD.matcher(message);
            if (!violation && failed.find() && failed.group(2).startsWith("4") && isApi(failed.group(1))) {
                continue;
            }
            errors.add(entry.getLevel() + " " + message);
        }
        return errors;
    }

    private static boolean isApi(String url) {
        URI uri = URI.create(url);
        return uri.getPort() == system.port() && API_PATH.matcher(uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())).find();
    }

    private void assertCleanConsole() {
        List<String> errors = consoleErrors();
        assertTrue(errors.isEmpty(), "CSP violations or errors in the browser's console:\n" + String.join("\n", errors));
    }

    /** The page at desktop (1280x900) and phone (360x780) widths. */
    private void shot(String name) throws IOException {
        shot(name, null);
    }

    /** The page at both widths, scrolled at each to the top of what `css` finds (when not null). */
    private void shot(String name, String css) throws IOException {
        for (int[] size : new int[][] {{1280, 900, 0}, {360, 780, 1}}) {
            driver.manage().window().setSize(new Dimension(size[0], size[1]));
            sleep(150);
            if (css != null) {
                ((ChromeDriver) driver).executeScript("document.querySelector(arguments[0]).scrollIntoView({block: 'start'})", css);
                sleep(50);
            }
            Path file = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(file, SHOTS.resolve(name + (size[2] == 0 ? "-desktop" : "-phone") + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void go(String hash) {
        driver.get(system.url() + "/" + hash);
    }

    private WebElement el(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private void type(String css, String text) {
        WebElement input = el(css);
        input.clear();
        input.sendKeys(text);
    }

    private void heading(String text) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#page-title"), text));
    }

    private void textIn(String css, String part) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), part));
    }

    /** The code of the newest mail to that address after `before` mails. */
    private static String codeAfter(String email, int before) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode mails = api.mailTo(email);
            if (mails.size() > before) {
                Matcher code = CODE.matcher(mails.get(mails.size() - 1).get("subject").asText());
                if (code.find()) {
                    return code.group(1);
                }
            }
            sleep(150);
        }
        throw new AssertionError("no new code mailed to " + email);
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    private void logIn(String email, String password) {
        go("#/login");
        type("#email", email);
        type("#password", password);
        el("#login-submit").click();
        el("#nav-logout");
    }

    private void signUp(String email, String password, boolean french) throws Exception {
        go("#/register");
        if (french) {
            el("#lang-switch").click();
            heading("Créer un compte");
        } else {
            heading("Create an account");
        }
        type("#email", email);
        type("#password", password);
        el("#register-submit").click();
        el("#verify-form");
        type("#code", api.code(email));
        el("#verify-submit").click();
        el("#subscribe");
    }

    @Test
    void signUpWithAWeakThenAGoodPasswordAWrongThenTheRightCodeSubscribeLogOutAndInDownload(TestInfo info) throws Exception {
        journey(info, () -> {
            String email = "web-" + UUID.randomUUID() + "@test.example";
            go("#/");
            el("#home-register");
            shot("01-home");
            el("#home-register").click();
            heading("Create an account");
            type("#email", email);
            type("#password", "weak pass");
            assertEquals("unmet", el("#password-rules li[data-rule=length]").getAttribute("class"));
            assertEquals("unmet", el("#password-rules li[data-rule=spaces]").getAttribute("class"));
            el("#register-submit").click();
            textIn("#password-error", "does not follow the rules");
            assertTrue(el("#password-error").getText().contains("shorter than 12"), el("#password-error").getText());
            shot("02-register-weak-password");
            type("#password", GOOD);
            for (WebElement rule : driver.findElements(By.cssSelector("#password-rules li"))) {
                assertEquals("met", rule.getAttribute("class"), rule.getText());
            }
            el("#register-submit").click();

            heading("Check your inbox and enter verification code");
            assertTrue(driver.findElement(By.tagName("main")).getText().contains("This code will expire in 30 minutes."));
            String code = api.code(email);
            type("#code", wrong(code));
            el("#verify-submit").click();
            textIn("#code-error", "Attempts left: 4");
            shot("03-verify-wrong-code");
            el("#resend").click(); // a new code at once is refused: the cooldown counts down
            wait.until(d -> d.findElement(By.cssSelector("#resend")).getText().matches("Send new Code \\(.+\\)")
                    || !d.findElement(By.cssSelector(".notice")).getText().isEmpty());
            shot("04-verify-send-new-code");
            int mails = api.mailTo(email).size();
            String current = mails > 1 ? codeAfter(email, mails - 1) : code;
            type("#code", current);
            el("#verify-submit").click();

            heading("You have successfully created your account");
            assertTrue(driver.findElement(By.tagName("main")).getText().contains("From now on you can download videos from our website"));
            shot("05-welcome");
            el("#subscribe").click();
            textIn("#subscribed-notice", "You are subscribed");

            el("#nav-account").click();
            textIn("#profile-newsletter", "Subscribed");
            assertEquals(email, el("#profile-email").getText());
            shot("06-account");

            el("#nav-logout").click();
            heading("Log in");
            textIn(".notice", "You are logged out.");
            assertEquals(null, ((ChromeDriver) driver).executeScript("return sessionStorage.getItem('mm.tokens')"));
            shot("07-login");
            type("#email", email);
            type("#password", "Wrong-Password-1!");
            el("#login-submit").click();
            textIn("#password-error", "not correct");
            type("#password", GOOD);
            el("#login-submit").click();
            el("#profile-email");

            el("#nav-videos").click();
            heading("Videos");
            WebElement first = el("#video-list li h2 a");
            shot("08-videos");
            first.click();
            el("button.download").click();
            el("#terms-accept").click(); // a new account accepts the conditions of use first
            WebElement link = el("a.download-link");
            shot("09-video-detail");
            HttpResponse<byte[]> file = HTTP.send(HttpRequest.newBuilder(URI.create(link.getAttribute("href"))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, file.statusCode());
            assertTrue(file.body().length > 0, "the bytes of the video");

            String detail = driver.getCurrentUrl();
            el("#nav-logout").click();
            heading("Log in");
            driver.get(detail);
            el("#signin-prompt");
            shot("10-video-detail-signed-out");
        });
    }

    /**
     * Issue 19, item 5: a visitor stays signed in while the access token expires (the website
     * refreshes it with the refresh token), and logging out once it has expired still revokes the
     * refresh token (sent in the body: no bearer needed).
     */
    @Test
    void anExpiredAccessTokenIsRefreshedSilentlyAndLogoutRevokesTheRefreshToken(TestInfo info) throws Exception {
        journey(info, () -> {
            String email = "refresh-" + UUID.randomUUID() + "@test.example";
            api.verifiedUser(email);
            go("#/");
            logIn(email, LocalApi.PASSWORD);
            el("#profile-email");

            // As after 15 minutes of use: the access token has expired, the refresh token is good.
            expireAccessToken();
            el("#nav-account").click();
            textIn("#profile-email", email);
            String accessToken = storedToken("accessToken");
            assertFalse(accessToken.endsWith(".expired"), "a new access token from the refresh token");
            assertEquals(200, LocalApi.send(api.request("/account/me").header("Authorization", "Bearer " + accessToken)).statusCode());

            String refreshToken = storedToken("refreshToken");
            assertEquals(200, refreshStatus(refreshToken), "the refresh token works before logout");
            expireAccessToken();
            el("#nav-logout").click();
            heading("Log in");
            long deadline = System.nanoTime() + 5_000_000_000L;
            int status = refreshStatus(refreshToken);
            while (status != 401 && System.nanoTime() < deadline) {
                sleep(100);
                status = refreshStatus(refreshToken);
            }
            assertEquals(401, status, "logout revoked the refresh token although the access token had expired");
        });
    }

    /** Replaces the stored access token by one whose {@code exp} has passed (as the website sees it), then reloads. */
    private void expireAccessToken() {
        ((ChromeDriver) driver).executeScript("var t = JSON.parse(sessionStorage.getItem('mm.tokens'));"
                + " var b64 = function (o) { return btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\\+/g, '-').replace(/\\//g, '_'); };"
                + " var claims = JSON.parse(atob(t.accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));"
                + " claims.exp = Math.floor(Date.now() / 1000) - 60;"
                + " t.accessToken = b64({alg: 'RS256', kid: 'none'}) + '.' + b64(claims) + '.expired';"
                + " sessionStorage.setItem('mm.tokens', JSON.stringify(t));");
        driver.navigate().refresh();
        el("#nav-logout");
    }

    private String storedToken(String name) throws Exception {
        Object tokens = ((ChromeDriver) driver).executeScript("return sessionStorage.getItem('mm.tokens')");
        return LocalApi.JSON.readTree(String.valueOf(tokens)).get(name).asText();
    }

    private static int refreshStatus(String refreshToken) throws Exception {
        return LocalApi.send(api.post("/account/token/refresh", Map.of("refreshToken", refreshToken), null)).statusCode();
    }

    @Test
    void thePagesRunUnderTheProductionHeadersAndAViolationIsNoticed(TestInfo info) throws Exception {
        journey(info, () -> {
            go("#/");
            el("#home-register");
            Object csp = ((ChromeDriver) driver).executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + " fetch('/').then(function (r) { done(r.headers.get('Content-Security-Policy')); });");
            assertTrue(String.valueOf(csp).startsWith("default-src 'self'; script-src 'self'; style-src 'self';"), String.valueOf(csp));
            assertTrue(consoleErrors().isEmpty(), "a clean home page");
            // what a careless change would do: an inline style (and an inline script) the CSP refuses
            ((ChromeDriver) driver).executeScript("document.getElementById('main').insertAdjacentHTML('beforeend',"
                    + " '<p style=\"color: red\">planted</p><img src=x onerror=\"void 0\" alt=\"\">');");
            sleep(300);
            List<String> errors = consoleErrors();
            assertTrue(errors.stream().anyMatch(e -> e.contains("style-src")), "the planted inline style is noticed: " + errors);
            assertTrue(errors.stream().anyMatch(e -> e.contains("script-src")), "the planted inline handler is noticed: " + errors);
        });
    }

    @Test
    void frenchTextsAndAFrenchVerificationEmail(TestInfo info) throws Exception {
        journey(info, () -> {
            String email = "web-fr-" + UUID.randomUUID() + "@test.example";
            go("#/register");
            heading("Create an account");
            el("#lang-switch").click();
            heading("Créer un compte");
            assertEquals("fr", el("#language").getAttribute("value"));
            assertTrue(el("#password-rules").getText().contains("Au moins 12 caractères"));
            shot("11-register-fr");
            type("#email", email);
            type("#password", GOOD);
            el("#register-submit").click();
            heading("Consultez votre boîte de réception et saisissez le code de vérification");
            JsonNode mail = api.awaitMail(email, m -> true);
            assertTrue(mail.get("subject").asText().startsWith("Votre code de vérification"), mail.get("subject").asText());
            String code = api.code(email);
            type("#code", wrong(code));
            el("#verify-submit").click();
            textIn("#code-error", "Essais restants : 4");
            shot("12-verify-fr");
            type("#code", code);
            el("#verify-submit").click();
            heading("Votre compte a bien été créé");
            shot("13-welcome-fr");
            el("#nav-account").click();
            textIn("#profile-language", "Français");
            shot("14-account-fr");
            el("#nav-videos").click();
            heading("Vidéos");
            el("#video-list li");
            shot("15-videos-fr");
            el("#lang-switch").click();
            heading("Videos");
        });
    }

    @Test
    void resetThePasswordReturnToThePageAndLogInWithTheNewOne(TestInfo info) throws Exception {
        journey(info, () -> {
            String email = "web-reset-" + UUID.randomUUID() + "@test.example";
            api.verifiedUser(email);
            go("#/login");
            heading("Log in");
            el("#forgot").click();
            heading("Reset password");
            shot("16-reset-email");
            int before = api.mailTo(email).size();
            type("#email", email);
            el("#reset-submit").click();
            heading("Check your inbox and enter verification code");
            String code = codeAfter(email, before);
            type("#code", wrong(code));
            el("#reset-code-submit").click();
            textIn("#code-error", "Attempts left: 4");
            shot("17-reset-code");
            type("#code", code);
            el("#reset-code-submit").click();
            heading("Create a new password");
            type("#password", "short");
            assertEquals("unmet", el("#password-rules li[data-rule=length]").getAttribute("class"));
            el("#reset-new-submit").click();
            textIn("#password-error", "does not follow the rules");
            shot("18-reset-new-password");
            type("#password", NEWER);
            el("#reset-new-submit").click();
            heading("Your password has been updated");
            shot("19-reset-done");
            el("#reset-return").click();
            heading("Log in");
            assertTrue(driver.getCurrentUrl().endsWith("#/login"), driver.getCurrentUrl());
            type("#email", email);
            type("#password", NEWER);
            el("#login-submit").click();
            textIn("#profile-email", email);
        });
    }

    @Test
    void aMarketingMemberSendsACampaignThatReachesTheSubscriber(TestInfo info) throws Exception {
        journey(info, () -> {
            String reader = "web-reader-" + UUID.randomUUID() + "@test.example";
            String readerToken = api.verifiedUser(reader);
            assertEquals(200, LocalApi.send(api.request("/newsletter/subscription").PUT(HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", "Bearer " + readerToken)).statusCode());
            String marketer = "web-marketer-" + UUID.randomUUID() + "@test.example";
            api.verifiedUser(marketer);
            assertEquals(204, LocalApi.send(api.post("/_dev/groups/marketing", Map.of("email", marketer), null)).statusCode());

            logIn(marketer, LocalApi.PASSWORD);
            el("#nav-marketing").click();
            heading("Newsletter campaign");
            String subject = "Summit week " + UUID.randomUUID();
            type("#subject", subject);
            type("#html", "<h1>Summit</h1><p>The week in pictures.</p>");
            type("#text", "Summit\n\nThe week in pictures.");
            shot("20-marketing");
            el("#campaign-send").click();
            wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#campaign-status"), "data-status", "sent"));
            assertTrue(Integer.parseInt(el("#counter-sent strong").getText()) >= 1);
            ((ChromeDriver) driver).executeScript("document.getElementById('campaign-progress').scrollIntoView()");
            shot("21-marketing-sent");
            JsonNode mail = api.awaitMail(reader, m -> subject.equals(m.get("subject").asText()));
            assertTrue(mail.get("headers").has("List-Unsubscribe"));
        });
    }

    @Test
    void anEditorPublishesAVideoThatAppearsInTheList(TestInfo info) throws Exception {
        journey(info, () -> {
            String editor = "web-editor-" + UUID.randomUUID() + "@test.example";
            api.verifiedUser(editor);
            assertEquals(204, LocalApi.send(api.post("/_dev/groups/editors", Map.of("email", editor), null)).statusCode());
            Path clip = Files.createTempDirectory("clip").resolve("press-briefing.mp4");
            Files.write(clip, "not really an mp4, but bytes".repeat(100).getBytes());

            logIn(editor, LocalApi.PASSWORD);
            el("#nav-editors").click();
            heading("Add a video");
            String title = "Press briefing " + UUID.randomUUID().toString().substring(0, 8);
            type("#title", title);
            type("#summary", "The spokesperson's briefing.");
            type("#description", "Questions and answers.");
            driver.findElement(By.cssSelector("#files")).sendKeys(clip.toAbsolutePath().toString());
            shot("22-editors");
            el("#editor-submit").click();
            el("#editor-view");
            shot("23-editors-published");
            el("#nav-videos").click();
            heading("Videos");
            wait.until(d -> d.findElement(By.cssSelector("#video-list")).getText().contains(title));
        });
    }

    // ---- issue 20: posters, previews, search, bilingual metadata, scheduled release ------------

    private static final String MINISTERS_EN = "NATO Defence Ministers meet ahead of the Madrid Summit";
    private static final String MINISTERS_FR = "Les ministres de la Défense";
    private static final Path SEED_FILES = Paths.get("seed", "files");

    private Object js(String script, Object... args) {
        return ((ChromeDriver) driver).executeScript(script, args);
    }

    /** The seeded Defence Ministers video's id, from the public list. */
    private static String ministersId() throws Exception {
        JsonNode items = LocalApi.JSON.readTree(LocalApi.send(api.request("/videos?limit=50&lang=en")).body()).get("items");
        for (JsonNode item : items) {
            if (MINISTERS_EN.equals(item.get("title").asText())) {
                return item.get("id").asText();
            }
        }
        throw new AssertionError("the seeded Defence Ministers video is not listed: " + items);
    }

    /** Types words in the search box; returns once the search has started (the address shows it). */
    private void search(String words) {
        type("#q", words);
        String q = "q=" + java.net.URLEncoder.encode(words, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        wait.until(d -> d.getCurrentUrl().contains(q));
    }

    /** The titles of the cards in that list, once the list has answered. */
    private List<String> cardTitles(String list) {
        wait.until(d -> d.findElement(By.cssSelector(list)).getAttribute("aria-busy") == null);
        List<String> titles = new ArrayList<>();
        for (WebElement a : driver.findElements(By.cssSelector(list + " li.card h2 a"))) {
            titles.add(a.getText());
        }
        return titles;
    }

    /**
     * Every poster of the cards is sized by the API (width, height), described (alt), lazy below
     * the first cards, and loaded; a video without one (an editor's test video) shows the neutral
     * block, described too. The seeded videos all have one.
     */
    private void assertPosters(String list) {
        List<WebElement> cards = driver.findElements(By.cssSelector(list + " li.card"));
        assertFalse(cards.isEmpty(), "cards in " + list);
        int pictures = 0;
        for (int i = 0; i < cards.size(); i++) {
            WebElement poster = cards.get(i).findElement(By.cssSelector(".poster"));
            String title = cards.get(i).findElement(By.cssSelector("h2")).getText();
            if (!"img".equals(poster.getTagName())) {
                assertTrue(poster.getAttribute("class").contains("placeholder"), poster.getAttribute("outerHTML"));
                assertEquals("img", poster.getAttribute("role"));
                assertFalse(poster.getAttribute("aria-label").isBlank());
                assertFalse(title.startsWith(MINISTERS_FR) || title.equals(MINISTERS_EN), "the seeded video has a poster");
                continue;
            }
            pictures++;
            assertTrue(Integer.parseInt(poster.getAttribute("width")) > 0 && Integer.parseInt(poster.getAttribute("height")) > 0,
                    "explicit width and height: " + poster.getAttribute("outerHTML"));
            assertTrue(poster.getAttribute("alt").contains(title), "an alt text: " + poster.getAttribute("outerHTML"));
            assertEquals(i < 2 ? null : "lazy", js("return arguments[0].getAttribute('loading')", poster), "lazy below the first cards: " + i);
        }
        assertTrue(pictures > 0, "posters in " + list);
        // lazy images load once scrolled to: scroll through, then every one has its pixels
        js("window.scrollTo(0, document.body.scrollHeight)");
        wait.until(d -> Boolean.TRUE.equals(js("return Array.prototype.every.call(document.querySelectorAll(arguments[0]),"
                + " function (img) { return img.complete && img.naturalWidth > 0; })", list + " img.poster")));
        js("window.scrollTo(0, 0)");
    }

    @Test
    void theHomeShowsPostersAndSearchFindsTheDefenceMinistersInEnglishAndInFrench(TestInfo info) throws Exception {
        journey(info, () -> {
            go("#/");
            heading("NATO MULTIMEDIA ACCOUNT");
            assertTrue(cardTitles("#latest-list").contains(MINISTERS_EN), "the latest videos on the home page");
            assertPosters("#latest-list");
            shot("24-home-posters");

            el("#home-videos").click();
            heading("Videos");
            cardTitles("#video-list");
            assertPosters("#video-list");
            search("madrid"); // results as one types: no button pressed
            wait.until(d -> cardTitles("#video-list").contains(MINISTERS_EN));
            List<String> found = cardTitles("#video-list");
            assertFalse(found.stream().anyMatch(title -> title.contains("Cold Response")), "only what matches: " + found);
            assertTrue(driver.getCurrentUrl().endsWith("#/videos?q=madrid"), "the address keeps the search: " + driver.getCurrentUrl());
            assertFalse(el("#search-status").getText().isEmpty());
            shot("25-search-en");

            search("zzqx-no-such-word");
            textIn("#no-results", "No videos match your search.");
            assertTrue(cardTitles("#video-list").isEmpty());

            // filters: the summit's week and a duration range in minutes (sent in seconds)
            search("madrid");
            el("#filters summary").click();
            js("var f = document.getElementById(arguments[0]); f.value = arguments[1]; f.dispatchEvent(new Event('input', {bubbles: true}));", "from", "2022-06-01");
            js("var f = document.getElementById(arguments[0]); f.value = arguments[1]; f.dispatchEvent(new Event('input', {bubbles: true}));", "to", "2022-06-30");
            wait.until(d -> d.getCurrentUrl().contains("from=2022-06-01") && d.getCurrentUrl().contains("to=2022-06-30"));
            wait.until(d -> cardTitles("#video-list").contains(MINISTERS_EN));
            js("var f = document.getElementById(arguments[0]); f.value = arguments[1]; f.dispatchEvent(new Event('input', {bubbles: true}));", "from", "2023-01-01");
            js("var f = document.getElementById(arguments[0]); f.value = arguments[1]; f.dispatchEvent(new Event('input', {bubbles: true}));", "to", "");
            textIn("#no-results", "No videos match your search.");
            el("#search-clear").click();
            wait.until(d -> d.getCurrentUrl().endsWith("#/videos"));
            wait.until(d -> cardTitles("#video-list").contains(MINISTERS_EN));

            // the site in French: the API answers in French and searches French words
            el("#lang-switch").click();
            heading("Vidéos");
            search("ministres");
            wait.until(d -> cardTitles("#video-list").stream().anyMatch(title -> title.startsWith(MINISTERS_FR)));
            shot("26-search-fr");
            search("défense madrid");
            wait.until(d -> cardTitles("#video-list").stream().anyMatch(title -> title.startsWith(MINISTERS_FR)));
            search("zzqx-aucun-mot");
            textIn("#no-results", "Aucune vidéo ne correspond à votre recherche.");

            go("#/");
            heading("COMPTE MULTIMÉDIA DE L’OTAN");
            wait.until(d -> cardTitles("#latest-list").stream().anyMatch(title -> title.startsWith(MINISTERS_FR)));
            assertPosters("#latest-list");
            shot("27-home-posters-fr");
        });
    }

    @Test
    void theDetailPagePlaysThePreviewThenOffersTheDownloads(TestInfo info) throws Exception {
        journey(info, () -> {
            String id = ministersId();
            go("#/videos/" + id);
            heading(MINISTERS_EN);
            WebElement video = el("video#preview");
            assertEquals("metadata", video.getAttribute("preload"));
            assertTrue(video.getAttribute("controls") != null);
            assertFalse(video.getAttribute("poster").isBlank(), "the poster as the player's first picture");
            WebElement source = video.findElement(By.tagName("source"));
            assertEquals("video/mp4", source.getAttribute("type"));
            // the preview is public: no credentials, and it answers byte ranges (the browser seeks with them)
            HttpResponse<byte[]> range = HTTP.send(HttpRequest.newBuilder(URI.create(source.getAttribute("src")))
                    .header("Range", "bytes=0-99").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(206, range.statusCode(), "a byte range of the preview");
            wait.until(d -> ((Number) js("return document.getElementById('preview').readyState")).intValue() >= 1);
            shot("28-detail-preview");

            // a click on the page is the visitor's gesture; the muted preview then plays
            el("#page-title").click();
            js("var v = document.getElementById('preview'); v.muted = true; window.__played = null;"
                    + " v.play().then(function () { window.__played = 'ok'; }, function (e) { window.__played = e.name + ': ' + e.message; });");
            wait.until(d -> js("return window.__played") != null);
            assertEquals("ok", js("return window.__played"), "play() was refused");
            wait.until(d -> ((Number) js("return document.getElementById('preview').readyState")).intValue() >= 2);
            wait.until(d -> ((Number) js("var v = document.getElementById('preview'); return v.ended ? 99 : v.currentTime")).doubleValue() > 0.3);
            js("document.getElementById('preview').pause()");
            assertTrue(driver.findElement(By.cssSelector("#signin-prompt")).isDisplayed(), "then the download choices");

            el("#lang-switch").click();
            wait.until(d -> d.findElement(By.cssSelector("#page-title")).getText().startsWith(MINISTERS_FR));
            el("video#preview");
            assertTrue(el("#video-description").getText().contains("Stoltenberg"));
            wait.until(d -> ((Number) js("return document.getElementById('preview').readyState")).intValue() >= 1);
            shot("29-detail-preview-fr");
        });
    }

    @Test
    void aScheduledVideoAppearsOnlyAfterItsTimeWithThatPublicationTime(TestInfo info) throws Exception {
        journey(info, () -> {
            String editor = "web-sched-" + UUID.randomUUID() + "@test.example";
            api.verifiedUser(editor);
            assertEquals(204, LocalApi.send(api.post("/_dev/groups/editors", Map.of("email", editor), null)).statusCode());
            Path clip = Files.createTempDirectory("clip").resolve("embargoed.mp4");
            Files.write(clip, "not really an mp4, but bytes".repeat(100).getBytes());
            Path poster = SEED_FILES.resolve("nato-defence-ministers-2022-06-16-poster.jpg").toAbsolutePath();
            Path preview = SEED_FILES.resolve("nato-defence-ministers-2022-06-16-preview.mp4").toAbsolutePath();

            logIn(editor, LocalApi.PASSWORD);
            el("#nav-editors").click();
            heading("Add a video");
            String word = "embargo" + UUID.randomUUID().toString().substring(0, 6);
            String title = "Scheduled briefing " + word;
            type("#title", title);
            type("#summary", "Released at its time.");
            type("#description", "Under embargo until then.");
            type("#title-fr", "Point de presse programmé " + word);
            driver.findElement(By.cssSelector("#files")).sendKeys(clip.toString());
            driver.findElement(By.cssSelector("#poster-file")).sendKeys(poster.toString());
            driver.findElement(By.cssSelector("#preview-file")).sendKeys(preview.toString());
            // publishAt: 10 seconds ahead (time to upload and publish, then look), to the second, in the browser's own time zone
            String publishAt = String.valueOf(js("var at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 10000);"
                    + " var local = new Date(at.getTime() - at.getTimezoneOffset() * 60000).toISOString().slice(0, 19);"
                    + " var f = document.getElementById('publish-at'); f.value = local; f.dispatchEvent(new Event('input', {bubbles: true}));"
                    + " return at.toISOString().replace(/\\.\\d{3}Z$/, 'Z');"));
            js("document.getElementById('publish-at').scrollIntoView({block: 'center'})");
            shot("30-editors-schedule");
            el("#editor-submit").click();
            WebElement scheduled = el("#editor-scheduled");
            assertEquals(publishAt, scheduled.getAttribute("data-published-at"), "the answer's publishedAt is the publishAt");
            WebElement queued = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//ul[@id='queue-scheduled']/li[contains(., '" + title + "')]")));
            String id = queued.getAttribute("data-id");
            assertEquals("scheduled", queued.getAttribute("data-status"));
            ((ChromeDriver) driver).executeScript("document.getElementById('editor-queue').scrollIntoView()");
            shot("31-editors-queue");

            // before its time: in no public list, search or page
            Instant at = Instant.parse(publishAt);
            assertTrue(Instant.now().isBefore(at), "the checks before the time ran too late");
            assertFalse(LocalApi.send(api.request("/videos?limit=50")).body().contains(title), "not listed yet");
            assertFalse(LocalApi.send(api.request("/videos?q=" + word)).body().contains(title), "not found yet");
            assertEquals(404, LocalApi.send(api.request("/videos/" + id)).statusCode(), "no page yet");
            el("#nav-videos").click();
            heading("Videos");
            assertFalse(cardTitles("#video-list").contains(title), "not in the site's list yet");
            assertTrue(Instant.now().isBefore(at), "the checks before the time ran too late to tell");

            // after its time: there by itself, stamped with publishAt
            sleep(Math.max(0, Duration.between(Instant.now(), at).toMillis()) + 500);
            JsonNode item = null;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (item == null && System.nanoTime() < deadline) {
                for (JsonNode candidate : LocalApi.JSON.readTree(LocalApi.send(api.request("/videos?limit=50")).body()).get("items")) {
                    if (id.equals(candidate.get("id").asText())) {
                        item = candidate;
                    }
                }
                if (item == null) {
                    sleep(250);
                }
            }
            assertTrue(item != null, "listed once its time has come");
            assertEquals(at, Instant.parse(item.get("publishedAt").asText()), "publishedAt is the publishAt");
            // a visitor's browser without a copy of the list from before (the catalogue is cacheable for 30 s)
            ((ChromeDriver) driver).executeCdpCommand("Network.clearBrowserCache", Map.of());
            go("#/videos");
            driver.navigate().refresh(); // the same address: load the page again
            wait.until(d -> cardTitles("#video-list").contains(title));
            WebElement card = el("#video-list li.card h2 a[href='#/videos/" + id + "']");
            assertEquals("img", card.findElement(By.xpath("ancestor::li")).findElement(By.cssSelector(".poster")).getTagName(),
                    "the uploaded poster on its card");
            card.click();
            heading(title);
            el("video#preview");
            el("#lang-switch").click(); // the French title given in the form
            heading("Point de presse programmé " + word);
        });
    }

    @Test
    void aSignedInVisitorKeepsTheSitesLanguageForTheAccountAndTheSiteStartsInIt(TestInfo info) throws Exception {
        journey(info, () -> {
            String email = "web-lang-" + UUID.randomUUID() + "@test.example";
            String token = api.verifiedUser(email);
            go("#/");
            logIn(email, LocalApi.PASSWORD);
            heading("My account");
            assertFalse(driver.findElement(By.id("lang-offer")).isDisplayed(), "no offer before a switch");
            el("#lang-switch").click();
            heading("Mon compte");
            el("#lang-save");
            shot("32-language-offer-fr");
            el("#lang-save").click();
            textIn("#lang-saved", "Français");
            textIn("#profile-language", "Français");
            JsonNode me = LocalApi.JSON.readTree(LocalApi.send(api.request("/account/me").header("Authorization", "Bearer " + token)).body());
            assertEquals("fr", me.get("language").asText());

            el("#nav-logout").click();
            heading("Se connecter");
            el("#lang-switch").click(); // signed out: the site in English, no offer
            heading("Log in");
            assertFalse(driver.findElement(By.id("lang-offer")).isDisplayed());
            type("#email", email);
            type("#password", LocalApi.PASSWORD);
            el("#login-submit").click();
            heading("Mon compte"); // the account's language
        });
    }

    // ---- issue 21: broadcast-grade delivery (checksums, terms of use, basket, Metalink, history) ---

    private static final String BERLIN_EN = "NATO Foreign Ministers meet informally in Berlin";
    private static final Path DOWNLOADS = Paths.get("target", "browser-downloads").toAbsolutePath();

    /** A published video's id by its English title, from the public list. */
    private static String videoId(String title) throws Exception {
        JsonNode items = LocalApi.JSON.readTree(LocalApi.send(api.request("/videos?limit=50&lang=en")).body()).get("items");
        for (JsonNode item : items) {
            if (title.equals(item.get("title").asText())) {
                return item.get("id").asText();
            }
        }
        throw new AssertionError("the seeded video is not listed: " + title);
    }

    /** What the catalogue says of a video (GET /videos/{id}). */
    private static JsonNode catalogue(String id) throws Exception {
        HttpResponse<String> answer = LocalApi.send(api.request("/videos/" + id + "?lang=en"));
        assertEquals(200, answer.statusCode(), answer.body());
        return LocalApi.JSON.readTree(answer.body());
    }

    private static JsonNode termsOfUse() throws Exception {
        HttpResponse<String> answer = LocalApi.send(api.request("/terms"));
        assertEquals(200, answer.statusCode(), answer.body());
        return LocalApi.JSON.readTree(answer.body());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The first words of a text, as the page shows it (white space folded). */
    private static String opening(String text) {
        String folded = text.strip().split("\n")[0].strip().replaceAll("\\s+", " ");
        return folded.substring(0, Math.min(40, folded.length()));
    }

    @Test
    void acceptTheTermsThenDownloadAFileWhoseSha256IsTheOneShownAndFindItInMyDownloads(TestInfo info) throws Exception {
        journey(info, () -> {
            String email = "web-terms-" + UUID.randomUUID() + "@test.example";
            String token = api.verifiedUser(email);
            String id = ministersId();
            JsonNode video = catalogue(id);
            JsonNode rendition = video.get("renditions").get(0);
            String name = rendition.get("name").asText();
            String sha = rendition.get("sha256").asText();
            assertTrue(sha.matches("[0-9a-f]{64}"), "the catalogue's SHA-256: " + rendition);
            JsonNode terms = termsOfUse();
            String credit = terms.get("credit").asText();

            logIn(email, LocalApi.PASSWORD);
            ((ChromeDriver) driver).executeCdpCommand("Browser.grantPermissions", Map.of("origin", system.url().toString(),
                    "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
            go("#/videos/" + id);
            heading(MINISTERS_EN);
            // every version with its size and checksum, and the credit line
            assertEquals(sha, el("#sha-" + name).getText());
            assertEquals(String.valueOf(rendition.get("sizeBytes").asLong()), el("#size-" + name).getAttribute("data-bytes"));
            assertTrue(el("#size-" + name).getText().matches("[0-9.,\u00a0 ]+ (KB|MB|B|GB)"), el("#size-" + name).getText());
            textIn("#video-credit", credit);
            WebElement copy = el("li[data-rendition='" + name + "'] button.copy");
            js("arguments[0].scrollIntoView({block: 'center'})", copy);
            copy.click();
            textIn("#sha-" + name + "-copied", "Copied.");
            Object copied = ((ChromeDriver) driver).executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + " navigator.clipboard.readText().then(done, function (e) { done('unreadable: ' + e); });");
            assertEquals(sha, copied, "the checksum is on the clipboard");
            shot("33-detail-sizes-checksums", "li[data-rendition='" + name + "']");

            // a first download asks to accept the conditions of use, in the page's language
            el("button.download[data-rendition='" + name + "']").click();
            textIn("#terms-text", opening(terms.get("text").get("en").asText()));
            assertEquals("Conditions of use", el("#terms-title").getText());
            shot("34-terms-of-use", "#terms-step");
            el("#terms-accept").click();
            WebElement link = el("#download-" + name + " a.download-link");
            String filename = link.getAttribute("download");
            JsonNode me = LocalApi.JSON.readTree(LocalApi.send(api.request("/account/me").header("Authorization", "Bearer " + token)).body());
            assertEquals(terms.get("version").asText(), me.get("terms").get("version").asText(), "PUT /account/terms recorded the acceptance");

            // next to the link: the file's name, size, SHA-256 and the credit line
            String shown = el("#download-facts-" + name + "-sha").getText();
            assertEquals(sha, shown, "the download answer's SHA-256 is the catalogue's");
            assertEquals(filename, el("#download-facts-" + name + " .facts-filename").getText());
            assertEquals(rendition.get("sizeBytes").asText(), el("#download-facts-" + name + " .facts-size").getAttribute("data-bytes"));
            textIn("#download-facts-" + name + " .facts-credit", credit);
            shot("35-download-checksum", "li[data-rendition='" + name + "']");

            // the bytes behind the link: the size and the SHA-256 the page shows
            HttpResponse<byte[]> file = HTTP.send(HttpRequest.newBuilder(URI.create(link.getAttribute("href"))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, file.statusCode());
            assertEquals(rendition.get("sizeBytes").asLong(), file.body().length, "the file's size");
            assertEquals(shown, sha256(file.body()), "the file's SHA-256 is the one shown on the page");

            // a second version of the same video: accepted once, no second question
            if (video.get("renditions").size() > 1) {
                String other = video.get("renditions").get(1).get("name").asText();
                el("button.download[data-rendition='" + other + "']").click();
                el("#download-" + other + " a.download-link");
                assertTrue(driver.findElements(By.cssSelector("#terms-accept")).isEmpty(), "the terms are asked once");
            }

            // My downloads, and the accepted version on the account page
            el("#nav-account").click();
            heading("My account");
            textIn("#profile-terms", "Version " + terms.get("version").asText());
            WebElement item = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#downloads-list li[data-video-id='" + id + "']")));
            wait.until(d -> d.findElements(By.cssSelector("#downloads-list li")).size() >= 1);
            String row = item.getText();
            assertTrue(row.contains(MINISTERS_EN), row);
            assertTrue(driver.findElement(By.id("downloads-list")).getText().contains(filename), "the filename");
            assertTrue(driver.findElement(By.id("downloads-list")).getText().contains(sha), "the SHA-256");
            assertTrue(row.contains("Downloaded"), "the date: " + row);
            shot("36-my-downloads", "#downloads");
        });
    }

    @Test
    void aBasketOfTwoVideosGivesTheirLinksAndAMetalinkFileWithTheirSizesAndChecksums(TestInfo info) throws Exception {
        journey(info, () -> {
            String email = "web-basket-" + UUID.randomUUID() + "@test.example";
            api.verifiedUser(email);
            List<JsonNode> videos = List.of(catalogue(ministersId()), catalogue(videoId(BERLIN_EN)));
            JsonNode terms = termsOfUse();
            Files.createDirectories(DOWNLOADS);
            Files.deleteIfExists(DOWNLOADS.resolve("videos.meta4"));
            ((ChromeDriver) driver).executeCdpCommand("Browser.setDownloadBehavior",
                    Map.of("behavior", "allow", "downloadPath", DOWNLOADS.toString()));

            logIn(email, LocalApi.PASSWORD);
            el("#lang-switch").click(); // the basket in French: the terms in French too
            heading("Mon compte");
            for (int i = 0; i < videos.size(); i++) {
                JsonNode video = videos.get(i);
                go("#/videos/" + video.get("id").asText());
                el("#video-description");
                WebElement add = el("li[data-rendition='" + video.get("renditions").get(0).get("name").asText() + "'] button.add-basket");
                add.click();
                textIn("#basket-notice", "est dans votre panier");
                assertFalse(add.isEnabled(), "added once");
                textIn("#nav-basket", "Panier (" + (i + 1) + ")");
            }
            shot("37-basket-added-fr");
            el("#nav-basket").click();
            heading("Votre panier");
            assertEquals(2, driver.findElements(By.cssSelector("#basket-list li")).size());
            shot("38-basket-fr");

            // the Metalink file: the page's own Blob, read as it is saved
            js("window.__metalink = null; var create = URL.createObjectURL;"
                    + " URL.createObjectURL = function (blob) { blob.text().then(function (text) { window.__metalink = text; }); return create.call(URL, blob); };");
            // The page asks GET /account/me first; here it cannot (blocked), so the basket's own
            // answer, 409 terms_required, brings the terms step (then the same request again).
            ((ChromeDriver) driver).executeCdpCommand("Network.enable", Map.of());
            ((ChromeDriver) driver).executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/account/me")));
            el("#basket-metalink").click();
            textIn("#terms-text", opening(terms.get("text").get("fr").asText()));
            assertEquals("Conditions d’utilisation", el("#terms-title").getText());
            ((ChromeDriver) driver).executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
            for (String error : consoleErrors()) { // the blocked look-up is the one expected error
                assertTrue(error.contains("/account/me") && error.contains("ERR_BLOCKED_BY_CLIENT"), error);
            }
            assertEquals(409, LocalApi.send(api.post("/downloads/basket", Map.of("items", List.of(Map.of("videoId", videos.get(0).get("id").asText()))),
                    storedToken("accessToken"))).statusCode(), "not accepted yet: the API refuses the basket");
            shot("39-basket-terms-fr", "#terms-step");
            el("#terms-accept").click();
            wait.until(d -> js("return window.__metalink") != null);
            textIn("#basket-status", "videos.meta4");
            String metalink = String.valueOf(js("return window.__metalink"));
            javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            org.w3c.dom.Document xml = factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(metalink)));
            String ns = "urn:ietf:params:xml:ns:metalink";
            assertEquals("metalink", xml.getDocumentElement().getLocalName());
            assertEquals(ns, xml.getDocumentElement().getNamespaceURI());
            org.w3c.dom.NodeList files = xml.getElementsByTagNameNS(ns, "file");
            assertEquals(2, files.getLength(), metalink);
            for (int i = 0; i < 2; i++) {
                org.w3c.dom.Element file = (org.w3c.dom.Element) files.item(i);
                JsonNode rendition = videos.get(i).get("renditions").get(0);
                org.w3c.dom.Element hash = (org.w3c.dom.Element) file.getElementsByTagNameNS(ns, "hash").item(0);
                assertEquals("sha-256", hash.getAttribute("type"));
                assertEquals(rendition.get("sha256").asText(), hash.getTextContent().strip(), "the catalogue's SHA-256");
                assertEquals(rendition.get("sizeBytes").asText(), file.getElementsByTagNameNS(ns, "size").item(0).getTextContent().strip());
                assertFalse(file.getElementsByTagNameNS(ns, "url").item(0).getTextContent().isBlank(), "a link");
                assertFalse(file.getAttribute("name").isBlank(), "a file name");
            }
            // and the browser saved it as videos.meta4
            Path saved = DOWNLOADS.resolve("videos.meta4");
            wait.until(d -> Files.exists(saved));
            wait.until(d -> {
                try {
                    return Files.readString(saved).equals(metalink);
                } catch (IOException e) {
                    return false;
                }
            });

            // Download all: one link per file, with its size and checksum (the terms are not asked again)
            el("#basket-download").click();
            wait.until(d -> d.findElements(By.cssSelector("#basket-links li a.download-link")).size() == 2);
            assertTrue(driver.findElements(By.cssSelector("#terms-accept")).isEmpty(), "the terms are asked once");
            for (int i = 0; i < 2; i++) {
                JsonNode rendition = videos.get(i).get("renditions").get(0);
                assertEquals(rendition.get("sha256").asText(), el("#basket-facts-" + i + "-sha").getText());
                String href = el("#basket-links li:nth-child(" + (i + 1) + ") a.download-link").getAttribute("href");
                HttpResponse<byte[]> bytes = HTTP.send(HttpRequest.newBuilder(URI.create(href)).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, bytes.statusCode());
                assertEquals(rendition.get("sha256").asText(), sha256(bytes.body()), "the file behind the link");
            }
            textIn("#basket-credit", terms.get("credit").asText());
            shot("40-basket-links-fr", "#basket-result");

            // a video that is gone: the page names it and offers to remove it
            js("var b = JSON.parse(localStorage.getItem('mm.basket')); b.push({videoId: 'no-such-video', rendition: 'hd', title: 'Retirée'});"
                    + " localStorage.setItem('mm.basket', JSON.stringify(b));");
            driver.navigate().refresh();
            heading("Votre panier");
            textIn("#nav-basket", "Panier (3)");
            el("#basket-download").click();
            textIn("#basket-gone", "« Retirée » n’est plus disponible.");
            shot("41-basket-gone-fr", "#basket-error");
            el("#basket-remove-gone").click();
            wait.until(d -> d.findElements(By.cssSelector("#basket-list li")).size() == 2);
            el("#basket-list li button.remove").click();
            wait.until(d -> d.findElements(By.cssSelector("#basket-list li")).size() == 1);
            textIn("#nav-basket", "Panier (1)");
        });
    }
}
