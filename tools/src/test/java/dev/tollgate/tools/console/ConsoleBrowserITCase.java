package dev.tollgate.tools.console;

import dev.tollgate.console.ReviewConsole;
import dev.tollgate.console.auth.Role;
import dev.tollgate.console.auth.UserDirectory;
import dev.tollgate.console.store.VerdictRow;
import dev.tollgate.console.web.ConsoleServer;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.signing.SigningKeys;
import dev.tollgate.jobs.kafka.StreamingConfiguration;
import dev.tollgate.jobs.kafka.StreamingJob;
import dev.tollgate.jobs.kafka.TopicAdmin;
import dev.tollgate.jobs.kafka.TopicNames;
import dev.tollgate.tools.cli.ConsoleCommand;
import dev.tollgate.tools.kafka.EmbeddedKafkaBroker;
import dev.tollgate.tools.kafka.FixtureLoader;
import dev.tollgate.tools.kafka.KafkaTests;
import dev.tollgate.tools.kafka.VerdictReader;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The review console end to end, as an analyst uses it: a real broker, the streaming job (MiniCluster, exactly-once,
 * signed rulings only), the console, and Debian's Chromium driven through its chromedriver (nothing is downloaded).
 * Log in (a wrong password first), filter the queue, open a held order, read its evidence, decide, and watch the final
 * verdict arrive; a double submission sends one decision; a POST without the CSRF token and a forged decision written
 * straight to the topic change nothing; the store survives a restart. Screenshots go to {@code target/}.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserITCase {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration MAX_WAIT = Duration.ofSeconds(90);
    private static final SigningKeys KEYS = SigningKeys.of(List.of("the console test's signing key, 32+ chars"));
    private static final TopicNames TOPICS = new TopicNames("console.");
    private static final Path SHOTS = Path.of("target");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4)
                    .build());

    @TempDir
    static Path dir;
    private static EmbeddedKafkaBroker broker;
    private static JobClient job;
    private static ReviewConsole console;
    private static UserDirectory users;
    private static WebDriver browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeFalse("1".equals(System.getenv("TOLLGATE_SKIP_BROWSER_TEST")),
                "TOLLGATE_SKIP_BROWSER_TEST=1: no Chromium on this machine");
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver package (installed by bin/test)").exists();
        broker = EmbeddedKafkaBroker.startOnFreePort();
        TollgateConfig config = KafkaTests.config();
        TopicAdmin.ensureTopics(broker.bootstrapServers(), TOPICS);
        try (FixtureLoader loader = new FixtureLoader(broker.bootstrapServers(), TOPICS,
                config.settings().parserSettings())) {
            loader.load(Files.readAllLines(Path.of("..", "fixtures", "scenarios", "aliexpress-bestprice.jsonl")), 0,
                    n -> { });
        }
        Configuration conf = StreamingConfiguration.of(2, Duration.ofMillis(500), null, null);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        StreamingJob.build(env, config, StreamingJob.Options.defaults(broker.bootstrapServers(), TOPICS)
                .withSigningKeys(KEYS), s -> s);
        job = env.executeAsync("tollgate console test");

        Path usersFile = dir.resolve("users.yaml");
        UserDirectory.addUser(usersFile, "maria", Role.ANALYST, "analyst password 1");
        users = UserDirectory.addUser(usersFile, "lena", Role.LEAD, "lead password 123");
        console = startConsole(config);
        base = "http://127.0.0.1:" + console.port();
        // the two held orders of the Bestprice scenarios (REVIEW: the session was interrupted)
        await().atMost(MAX_WAIT).until(() -> inReview("bp-tab-switched") && inReview("bp-connection-lost"));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100",
                "--disable-gpu", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    private static ReviewConsole startConsole(TollgateConfig config) {
        ReviewConsole c = new ReviewConsole(java.util.Map.of("bootstrap.servers", broker.bootstrapServers()), ConsoleCommand.topics(TOPICS),
                dir.resolve("console"), users, KEYS, config.settings().parserSettings(),
                ConsoleServer.Settings.defaults(0), Duration.ofDays(400));
        c.start();
        return c;
    }

    private static boolean inReview(String order) {
        List<VerdictRow> h = console.store().history(order);
        return !h.isEmpty() && h.get(h.size() - 1).decision().equals("REVIEW");
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (console != null) {
            console.close();
        }
        if (job != null) {
            job.cancel().get();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static WebElement id(String id) {
        return browser.findElement(By.id(id));
    }

    private static void shot(String name) throws Exception {
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(SHOTS);
        Files.copy(png.toPath(), SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void logIn(String user, String password) {
        browser.get(base + "/login");
        id("username").clear();
        id("username").sendKeys(user);
        id("password").sendKeys(password);
        navigateBy(id("login"));
    }

    /**
     * Clicks what loads a new page and waits until the old page has gone: a click can return before the request is
     * answered (the login's password hash takes a while on a slow machine), and reading the page then reads the old one.
     */
    private static void navigateBy(WebElement link) {
        link.click();
        new WebDriverWait(browser, MAX_WAIT).until(ExpectedConditions.stalenessOf(link));
    }

    @Test
    @Order(1)
    void anAnalystFiltersTheQueueReadsTheEvidenceDecidesAndSeesTheFinalVerdict() throws Exception {
        browser.get(base + "/queue");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        logIn("maria", "not her password");
        assertThat(id("login-error").getText()).isEqualTo("Wrong user name or password.");
        logIn("maria", "analyst password 1");
        assertThat(browser.getCurrentUrl()).endsWith("/queue");
        assertThat(id("who").getText()).contains("maria", "analyst");
        assertThat(rows()).contains("bp-tab-switched", "bp-connection-lost");

        new Select(id("f-reason")).selectByValue("SESSION_INTERRUPTED");
        navigateBy(id("apply"));
        assertThat(browser.getCurrentUrl()).contains("reason=SESSION_INTERRUPTED");
        assertThat(rows()).containsExactlyInAnyOrder("bp-tab-switched", "bp-connection-lost");
        assertThat(id("reason-counts").getText()).contains("SESSION_INTERRUPTED 2");
        shot("console-queue.png");

        navigateBy(browser.findElement(By.linkText("bp-tab-switched")));
        WebElement reason = browser.findElement(By.cssSelector("article.reason[data-code='SESSION_INTERRUPTED']"));
        assertThat(reason.findElement(By.className("why")).getText()).contains("cashback session was left");
        assertThat(reason.findElement(By.className("evidence")).getText()).contains("kind", "tab_switched");
        assertThat(id("timeline").getText()).contains("click by bestprice", "session: tab switched", "order paid");
        assertThat(id("publisher").getText()).isEqualTo("bestprice");
        assertThat(id("decision").getText()).isEqualTo("REVIEW");

        id("note").sendKeys("the tab switch was the payment provider's page");
        navigateBy(id("credit"));
        assertThat(id("notice").getText()).contains("Decision CREDIT sent, signed as maria");
        // the page polls the order's newest verdict and reloads when the job's final verdict has come back
        await().atMost(MAX_WAIT).ignoreExceptions().until(() -> id("decision").getText().equals("CREDIT")
                && id("decided-by").getText().equals("maria"));
        assertThat(id("final").getText()).isEqualTo("final");
        assertThat(browser.findElements(By.id("decide"))).as("a final verdict is not decided again").isEmpty();
        assertThat(id("history").getText()).contains("CREDIT");
        shot("console-order.png");

        // the job's verdict topic, as the ledger reads it: every version 1..n once, the newest maria's final CREDIT
        List<String> versions = VerdictReader.readValues(broker.bootstrapServers(), TOPICS.verdicts(), MAX_WAIT,
                MAX_WAIT, v -> v.stream().anyMatch(x -> x.contains("\"decidedBy\":\"maria\"")));
        List<Integer> seen = versions.stream().filter(v -> v.contains("\"orderId\":\"bp-tab-switched\""))
                .map(v -> Integer.parseInt(v.replaceAll(".*\"version\":(\\d+).*", "$1"))).toList();
        assertThat(seen).isEqualTo(java.util.stream.IntStream.rangeClosed(1, seen.size()).boxed().toList());
        assertThat(versions.stream().filter(v -> v.contains("\"orderId\":\"bp-tab-switched\"")).reduce((a, b) -> b))
                .hasValueSatisfying(v -> assertThat(v).contains("\"decision\":\"CREDIT\"", "\"final\":true",
                        "\"decidedBy\":\"maria\""));
        assertThat(console.store().history("bp-tab-switched")).extracting(VerdictRow::version)
                .containsExactlyElementsOf(seen);
        assertThat(console.store().queue(dev.tollgate.console.store.QueueFilter.HELD, 0, 50).rows())
                .extracting(r -> r.orderId()).doesNotContain("bp-tab-switched");
    }

    @Test
    @Order(2)
    void aDoubleSubmissionSendsOneDecisionAndAPostWithoutTheCsrfTokenIsRefused() throws Exception {
        Http http = Http.logIn("lena", "lead password 123");
        String page = http.get("/order?id=bp-connection-lost");
        Map<String, String> form = Map.of("_csrf", field(page, "_csrf"), "orderId", "bp-connection-lost",
                "key", field(page, "key"), "decision", "EXCLUDE", "note", "left before paying, twice this week");
        HttpResponse<String> first = http.post("/order/decision", form);
        HttpResponse<String> second = http.post("/order/decision", form);
        assertThat(first.headers().firstValue("Location").orElseThrow()).contains("sent");
        assertThat(second.headers().firstValue("Location").orElseThrow()).contains("already+sent");

        Map<String, String> noToken = new java.util.HashMap<>(form);
        noToken.remove("_csrf");
        noToken.put("key", "another-key-of-the-right-size-00");
        assertThat(http.post("/order/decision", noToken).statusCode()).isEqualTo(403);

        List<String> decisions = VerdictReader.readValues(broker.bootstrapServers(), TOPICS.decisions(),
                Duration.ofSeconds(3), MAX_WAIT, v -> false);
        assertThat(decisions).filteredOn(d -> d.contains("bp-connection-lost")).singleElement()
                .satisfies(d -> assertThat(d).contains("\"analyst\":\"lena\"", "\"decision\":\"EXCLUDE\""));
        await().atMost(MAX_WAIT).until(() -> {
            List<VerdictRow> h = console.store().history("bp-connection-lost");
            return "lena".equals(h.get(h.size() - 1).decidedBy());
        });
        String labels = http.get("/labels.jsonl");
        assertThat(labels.lines().filter(l -> l.contains("\"orderId\":\"bp-connection-lost\"")))
                .isNotEmpty().allSatisfy(l -> assertThat(l).contains("\"label\":{\"decision\":\"EXCLUDE\","
                        + "\"reasons\":[\"SESSION_INTERRUPTED\"]}"));
        assertThat(labels).contains("\"type\":\"click\"", "\"clickId\":\"c-bp-connection-lost\"");
        assertThat(http.get("/audit")).contains("decision", "bp-connection-lost", "csrf-refused");
    }

    @Test
    @Order(3)
    void aForgedDecisionWrittenStraightToTheTopicIsDeadLetteredAndChangesNothing() throws Exception {
        String forged = "{\"orderId\":\"bp-clean\",\"decision\":\"EXCLUDE\",\"analyst\":\"mallory\","
                + "\"note\":\"forged\",\"ts\":\"2026-11-30T00:00:00Z\"}";
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(TOPICS.decisions(), "bp-clean", forged)).get();
        }
        List<String> dead = VerdictReader.readValues(broker.bootstrapServers(), TOPICS.dlq(), MAX_WAIT, MAX_WAIT,
                v -> v.stream().anyMatch(d -> d.contains("mallory")));
        assertThat(dead).filteredOn(d -> d.contains("mallory")).singleElement()
                .satisfies(d -> assertThat(d).contains("UNAUTHENTICATED_DECISION", "not signed"));
        assertThat(console.store().history("bp-clean")).noneMatch(v -> "mallory".equals(v.decidedBy()));
    }

    @Test
    @Order(4)
    void theStoreSurvivesARestartAndCatchesUpWithoutRereadingEverything() throws Exception {
        int before = console.store().history("bp-clean").size();
        long read = console.ingest().verdictsRead();
        assertThat(before).isPositive();
        console.close();
        console = startConsole(KafkaTests.config());
        base = "http://127.0.0.1:" + console.port();
        assertThat(console.store().history("bp-clean")).hasSize(before);
        // nothing new was written while it was down: it resumes at its stored offsets and reads nothing again
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> console.ingest().verdictsRead() == 0);
        assertThat(read).isPositive();
    }

    private List<String> rows() {
        return browser.findElements(By.cssSelector("#queue tr[data-order]")).stream()
                .map(e -> e.getAttribute("data-order")).toList();
    }

    private static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("form field " + name).isTrue();
        return m.group(1);
    }

    /** A scripted client with its own session, for what a browser would not do (resubmit, drop the token). */
    private record Http(HttpClient client) {
        static Http logIn(String user, String password) throws Exception {
            Http h = new Http(HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build());
            String token = field(h.get("/login"), "_login");
            assertThat(h.post("/login", Map.of("_login", token, "username", user, "password", password))
                    .statusCode()).isEqualTo(302);
            return h;
        }

        String get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
