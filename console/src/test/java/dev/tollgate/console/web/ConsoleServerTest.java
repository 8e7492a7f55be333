package dev.tollgate.console.web;

import dev.tollgate.console.auth.Role;
import dev.tollgate.console.auth.UserDirectory;
import dev.tollgate.console.ingest.ConsoleTopics;
import dev.tollgate.console.ingest.EvidenceRows;
import dev.tollgate.console.ingest.KafkaIngest;
import dev.tollgate.console.store.ConsoleStore;
import dev.tollgate.detectors.parse.EventParser;
import dev.tollgate.detectors.parse.ParserSettings;
import dev.tollgate.detectors.signing.SigningKeys;
import dev.tollgate.detectors.verdict.Decision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.tollgate.console.store.StoreFixtures.click;
import static dev.tollgate.console.store.StoreFixtures.order;
import static dev.tollgate.console.store.StoreFixtures.reason;
import static dev.tollgate.console.store.StoreFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's HTTP surface without a broker: login, CSRF, roles, rate limiting, headers and escaping. (Sending a
 * decision needs a broker and a job: the browser test in the tools module does that whole path.)
 */
class ConsoleServerTest {
    private static final String HOSTILE = "<script>alert(1)</script>";
    @TempDir
    static Path dir;
    private static ConsoleStore store;
    private static ConsoleServer server;
    private static KafkaIngest ingest;
    private static DecisionDesk desk;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        store = ConsoleStore.inDirectory(dir.resolve("db"));
        Path users = dir.resolve("users.yaml");
        UserDirectory.addUser(users, "vic", Role.VIEWER, "viewer password 1");
        UserDirectory.addUser(users, "maria", Role.ANALYST, "analyst password 1");
        UserDirectory.addUser(users, "lena", Role.LEAD, "lead password 123");
        String nowhere = "127.0.0.1:9";
        ConsoleTopics topics = new ConsoleTopics("verdicts", "decisions", Map.of());
        ingest = new KafkaIngest(nowhere, topics, store, new EvidenceRows(new EventParser(ParserSettings.defaults())));
        desk = new DecisionDesk(nowhere, "decisions", store, SigningKeys.of(List.of("x".repeat(40))),
                Clock.systemUTC());
        server = new ConsoleServer(new ConsoleServer.Settings("127.0.0.1", 0, Duration.ofHours(1), false, 3,
                Duration.ofMinutes(15)), store, UserDirectory.load(users), desk, ingest, Clock.systemUTC());
        base = "http://127.0.0.1:" + server.start();
        store.ingest(List.of(), List.of(click("c1", "pub-" + HOSTILE, "d1", "2026-11-01T10:00:00Z"),
                order("o1", "c1", "created", "2026-11-01T10:10:00Z", "30.00")), Map.of());
        store.ingest(List.of(
                verdict("o1", 1, Decision.REVIEW, false, "2026-11-01T10:10:00Z", null,
                        reason("BOT_TRAFFIC", "review", "{\"userAgent\":\"" + HOSTILE.replace("/", "\\/") + "\"}")),
                verdict("o2", 1, Decision.EXCLUDE, true, "2026-11-02T10:10:00Z", "maria",
                        reason("COOKIE_STUFFING", "exclude", "{}")),
                verdict("o3", 1, Decision.EXCLUDE, false, "2026-11-03T10:10:00Z", null,
                        reason("COOKIE_STUFFING", "exclude", "{}"))), List.of(), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        desk.close();
        store.close();
    }

    /** A browser-like client: cookies kept, redirects not followed. */
    private static final class Browser {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String csrf;

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                    .collect(Collectors.joining("&"));
            return http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> login(String user, String password) throws Exception {
            String token = field(get("/login").body(), "_login");
            HttpResponse<String> r = post("/login", Map.of("_login", token, "username", user, "password", password));
            if (r.statusCode() == 302) {
                csrf = field(get("/queue").body(), "_csrf");
            }
            return r;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("form field " + name).isTrue();
        return m.group(1);
    }

    @Test
    void everyPageButLoginNeedsASessionAndCarriesStrictSecurityHeaders() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> queue = b.get("/queue");
        assertThat(queue.statusCode()).isEqualTo(302);
        assertThat(queue.headers().firstValue("Location")).hasValue("/login");
        assertThat(b.post("/order/decision", Map.of("orderId", "o1")).statusCode()).isEqualTo(401);
        HttpResponse<String> login = b.get("/login");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .contains(ConsoleServer.LOGIN_COOKIE, "HttpOnly", "SameSite=Strict"));
    }

    @Test
    void aWrongPasswordIsRefusedAndASessionCookieIsHttpOnlyAndStrict() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> wrong = b.login("maria", "not her password");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("Wrong user name or password.");
        HttpResponse<String> ok = b.login("maria", "analyst password 1");
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(ok.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .contains(ConsoleServer.SESSION_COOKIE, "HttpOnly", "SameSite=Strict").doesNotContain("Secure"));
        assertThat(store.auditLog(null, 50)).anySatisfy(a -> assertThat(a.action()).isEqualTo("login-failed"));
    }

    @Test
    void aLoginWithoutItsFormTokenIsRefused() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> r = b.post("/login", Map.of("username", "maria", "password", "analyst password 1"));
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void repeatedFailuresAreThrottledEvenWithTheRightPasswordAfterwards() throws Exception {
        Browser b = new Browser();
        for (int i = 0; i < 3; i++) {
            assertThat(b.login("lena", "guess " + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> blocked = b.login("lena", "lead password 123");
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.body()).contains("Too many failed logins");
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenIsRefusedAndAudited() throws Exception {
        Browser b = new Browser();
        b.login("maria", "analyst password 1");
        Map<String, String> form = new LinkedHashMap<>(Map.of("orderId", "o3"));
        assertThat(b.post("/order/reopen", form).statusCode()).isEqualTo(403);
        form.put("_csrf", "forged");
        assertThat(b.post("/order/reopen", form).statusCode()).isEqualTo(403);
        assertThat(store.facts("o3")).isEmpty();
        assertThat(store.auditLog(null, 50)).anySatisfy(a -> assertThat(a.action()).isEqualTo("csrf-refused"));
        form.put("_csrf", b.csrf);
        assertThat(b.post("/order/reopen", form).statusCode()).isEqualTo(302);
        assertThat(store.queue(dev.tollgate.console.store.QueueFilter.HELD, 0, 10).rows())
                .anySatisfy(r -> assertThat(r.orderId()).isEqualTo("o3"));
    }

    @Test
    void hostileTextFromTheInputIsEscapedOnEveryPage() throws Exception {
        Browser b = new Browser();
        b.login("vic", "viewer password 1");
        String queue = b.get("/queue?status=all").body();
        String order = b.get("/order?id=o1").body();
        for (String page : List.of(queue, order)) {
            assertThat(page).doesNotContain(HOSTILE).contains("&lt;script&gt;");
        }
        assertThat(store.auditLog("o1", 10)).anySatisfy(a -> {
            assertThat(a.action()).isEqualTo("view");
            assertThat(a.username()).isEqualTo("vic");
        });
    }

    @Test
    void aViewerReadsButCannotDecideAndAnAnalystCannotReverseAFinalVerdict() throws Exception {
        Browser viewer = new Browser();
        viewer.login("vic", "viewer password 1");
        String page = viewer.get("/order?id=o1").body();
        assertThat(page).doesNotContain("id=\"decide\"").contains("Viewers read; analysts decide.");
        assertThat(viewer.post("/order/decision", Map.of("_csrf", viewer.csrf, "orderId", "o1", "decision",
                "CREDIT", "note", "n", "key", "k".repeat(30))).statusCode()).isEqualTo(403);
        assertThat(viewer.get("/audit").statusCode()).isEqualTo(403);

        Browser analyst = new Browser();
        analyst.login("maria", "analyst password 1");
        assertThat(analyst.get("/order?id=o2").body()).contains("only a lead can reverse it")
                .doesNotContain("id=\"decide\"");
        HttpResponse<String> refused = analyst.post("/order/decision", Map.of("_csrf", analyst.csrf,
                "orderId", "o2", "decision", "CREDIT", "note", "n", "key", "k".repeat(30)));
        assertThat(refused.headers().firstValue("Location").orElseThrow()).contains("final");
        HttpResponse<String> reversal = analyst.post("/order/decision", Map.of("_csrf", analyst.csrf,
                "orderId", "o2", "decision", "CREDIT", "note", "n", "key", "k".repeat(30), "reversal", "true",
                "confirm", "yes"));
        assertThat(reversal.statusCode()).isEqualTo(403);
        assertThat(store.decisionsOf("o2")).isEmpty();
    }

    @Test
    void aDecisionNeedsANote() throws Exception {
        Browser analyst = new Browser();
        analyst.login("maria", "analyst password 1");
        HttpResponse<String> r = analyst.post("/order/decision", Map.of("_csrf", analyst.csrf, "orderId", "o1",
                "decision", "CREDIT", "note", "   ", "key", "k".repeat(30)));
        assertThat(r.headers().firstValue("Location").orElseThrow()).contains("needs+a+note");
        assertThat(store.decisionsOf("o1")).isEmpty();
    }

    @Test
    void theQueueFiltersAndCountsAndTheHealthSaysWhatWasRead() throws Exception {
        Browser b = new Browser();
        b.login("vic", "viewer password 1");
        String held = b.get("/queue").body();
        assertThat(held).contains("data-order=\"o1\"").doesNotContain("data-order=\"o2\"");
        String excluded = b.get("/queue?status=EXCLUDE&reason=COOKIE_STUFFING").body();
        assertThat(excluded).contains("data-order=\"o2\"").doesNotContain("data-order=\"o1\"");
        assertThat(b.get("/queue?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(b.get("/health").body()).contains("\"verdictsRead\":0");
    }
}
