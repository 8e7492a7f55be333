package dev.tollgate.tools.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.detectors.policy.ConfigLoader;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.verdict.Verdict;
import dev.tollgate.jobs.TollgateJob;
import dev.tollgate.jobs.kafka.TopicNames;
import dev.tollgate.tools.kafka.EmbeddedKafkaBroker;
import dev.tollgate.tools.kafka.FixtureLoader;
import dev.tollgate.tools.kafka.KafkaTests;
import dev.tollgate.tools.kafka.VerdictReader;
import dev.tollgate.tools.replay.InputFiles;
import dev.tollgate.tools.replay.ReplayJob;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The production shape end to end: a JobManager and two TaskManagers as separate JVMs, the lean job jar submitted
 * through the REST API, half of the fixtures through a real broker, the job stopped with a savepoint and resubmitted
 * from it, the other half, and verdicts read {@code read_committed} equal to a BATCH replay's; then Debian's
 * Prometheus scrapes the running job and every panel of the Grafana dashboard returns series; cluster down leaves
 * no process.
 */
@Timeout(600)
class ClusterITCase {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path JOB_JAR = REPO.resolve("jobs/target/tollgate-job.jar");
    private static final Path DASHBOARD = REPO.resolve("dashboards/grafana/tollgate-overview.json");
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static EmbeddedKafkaBroker broker;
    private static FlinkSessionCluster cluster;
    private static String metricsPorts;
    private static Process prometheus;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.startOnFreePort();
        int base = EmbeddedKafkaBroker.freePort();
        metricsPorts = base + "-" + (base + 5);
        cluster = new FlinkSessionCluster(REPO.resolve("cluster"), work.resolve("cluster"), EmbeddedKafkaBroker.freePort())
                .withProperty("metrics.reporter.prom.port", metricsPorts)
                .withProperty("jobmanager.rpc.port", Integer.toString(EmbeddedKafkaBroker.freePort()));
        cluster.up(2, Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroyForcibly().waitFor();
        }
        if (cluster != null) {
            cluster.down();
            // the processes' logs outlive the temporary directory, for whoever reads a failed build
            Path logs = Files.createDirectories(Path.of("target", "cluster-it-logs"));
            try (var files = Files.list(cluster.home().resolve("log"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, logs.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theLeanJarOnAMultiProcessClusterGivesReplaysVerdictsAcrossASavepointAndEveryPanelHasData() throws Exception {
        assertThat(Files.size(JOB_JAR)).as("the job jar leaves Flink to the cluster").isLessThan(40L << 20);
        assertThat(cluster.runningProcesses()).containsOnlyKeys("jobmanager", "taskmanager-1", "taskmanager-2");
        assertThat(cluster.rest("/overview").path("taskmanagers").asInt()).isEqualTo(2);

        TollgateConfig config = new ConfigLoader().loadBundled();
        List<Path> files = InputFiles.resolve(List.of(REPO.resolve("fixtures/scenarios")));
        Map<String, String> expected = outcomes(new ReplayJob(config, RuntimeExecutionMode.BATCH, 2,
                Clock.systemUTC()).run(files).verdicts());
        List<String> lines = new ArrayList<>();
        for (Path f : files) {
            lines.addAll(Files.readAllLines(f));
        }
        TopicNames topics = new TopicNames("cluster.");
        dev.tollgate.jobs.kafka.TopicAdmin.ensureTopics(broker.bootstrapServers(), topics);
        List<String> first;
        List<String> second;
        try (FixtureLoader loader = new FixtureLoader(broker.bootstrapServers(), topics,
                config.settings().parserSettings())) {
            List<String> ordered = loader.inEventTimeOrder(lines);
            first = ordered.subList(0, ordered.size() / 2);
            second = ordered.subList(ordered.size() / 2, ordered.size());
            loader.load(first, 0, n -> { });
        }
        List<String> args = List.of("--bootstrap", broker.bootstrapServers(), "--topic-prefix", topics.prefix(),
                "--checkpoint-interval", "1s");
        String firstJob = cluster.submit(JOB_JAR, TollgateJob.class.getName(), args, 2);
        cluster.awaitRunning(firstJob, Duration.ofMinutes(2));
        assertThat(cluster.rest("/jobs/" + firstJob).path("vertices").size()).isGreaterThan(3);
        List<Verdict> before = VerdictReader.readVerdicts(broker.bootstrapServers(), topics.verdicts(),
                Duration.ofSeconds(8), Duration.ofMinutes(2), v -> false);
        assertThat(before).as("verdicts of the first half").isNotEmpty();

        // cancel with a savepoint, then the second half of the traffic reaches a job resubmitted from it: orders
        // joining clicks and sessions the first job saw must find them in the restored state
        String savepoint = cluster.stopWithSavepoint(firstJob, Duration.ofMinutes(2));
        try (FixtureLoader loader = new FixtureLoader(broker.bootstrapServers(), topics,
                config.settings().parserSettings())) {
            loader.load(second, 0, n -> { });
        }
        String jobId = cluster.submit(JOB_JAR, TollgateJob.class.getName(), args, 2, savepoint);
        cluster.awaitRunning(jobId, Duration.ofMinutes(2));
        JsonNode restored = cluster.rest("/jobs/" + jobId + "/checkpoints").path("latest").path("restored");
        assertThat(restored.path("external_path").asText()).isEqualTo(savepoint);

        List<Verdict> all = VerdictReader.readVerdicts(broker.bootstrapServers(), topics.verdicts(),
                Duration.ofMinutes(3), Duration.ofMinutes(4), v -> outcomes(newest(v)).equals(expected));
        assertThat(outcomes(newest(all))).isEqualTo(expected);
        KafkaTests.assertEveryVersionOnce(all);

        assumeTrue(Files.isExecutable(PROMETHEUS), "Debian's prometheus is not installed (bin/test installs it)");
        int promPort = EmbeddedKafkaBroker.freePort();
        prometheus = startPrometheus(promPort);
        Map<String, String> empty = awaitPanels(promPort, Duration.ofSeconds(90));
        assertThat(empty).as("panels whose query returned no series").isEmpty();
        snapshot(promPort);

        List<Long> pids = new ArrayList<>(cluster.runningProcesses().values());
        cluster.down();
        assertThat(cluster.runningProcesses()).isEmpty();
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                .as("process " + pid).isNotEqualTo(java.util.Optional.of(true)));
    }

    private static Process startPrometheus(int port) throws IOException {
        Path dir = Files.createDirectories(work.resolve("prometheus"));
        String[] range = metricsPorts.split("-");
        List<String> targets = new ArrayList<>();
        for (int p = Integer.parseInt(range[0]); p <= Integer.parseInt(range[1]); p++) {
            targets.add("'127.0.0.1:" + p + "'");
        }
        Path conf = dir.resolve("prometheus.yml");
        Files.writeString(conf, "global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: tollgate-flink\n"
                + "    static_configs:\n      - targets: [" + String.join(", ", targets) + "]\n");
        return new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + conf,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    }

    /**
     * The main panels drawn from Prometheus's data (target/dashboard/dashboard.html) and, where Chromium is installed,
     * photographed (target/dashboard/dashboard.png; README shows one).
     */
    private static void snapshot(int promPort) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "dashboard")).toAbsolutePath();
        Path html = dir.resolve("dashboard.html");
        DashboardSnapshot snapshot = new DashboardSnapshot(URI.create("http://127.0.0.1:" + promPort));
        List<String> main = List.of("Decisions per program (verdict versions/s)", "Records in per input (records/s)",
                "Verdict latency p50 / p99", "Open orders", "Checkpoint duration",
                "Throughput per operator (records in/s)");
        List<List<String>> withoutData = new ArrayList<>(List.of(main));
        // a series an instant query has just shown may have no point yet at the range's last whole second
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                withoutData.set(0, snapshot.render(DASHBOARD, Duration.ofSeconds(60), main, html));
                return withoutData.get(0).isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            // reported below
        }
        assertThat(withoutData.get(0)).as("panels drawn without data").isEmpty();
        assertThat(Files.readString(html)).contains("<path d=\"M").doesNotContain("<script", "http://cdn");
        Path chromium = Path.of("/usr/bin/chromium");
        if (Files.isExecutable(chromium)) {
            Path profile = Files.createTempDirectory("tollgate-chromium");
            Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-first-run", "--disable-background-networking", "--user-data-dir=" + profile,
                    "--window-size=1200,700", "--screenshot=" + dir.resolve("dashboard.png"), html.toUri().toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(dir.resolve("dashboard.png")).exists();
        }
    }

    /** Runs every panel's queries until all return series; the queries still empty when time runs out. */
    private static Map<String, String> awaitPanels(int port, Duration timeout) throws Exception {
        Map<String, String> empty = new LinkedHashMap<>();
        for (Dashboard.Query q : Dashboard.queries(DASHBOARD)) {
            empty.put(q.panel() + " / " + q.refId(), q.expr());
        }
        assertThat(empty).hasSizeGreaterThan(10);
        HttpClient http = HttpClient.newHttpClient();
        try {
            await().atMost(timeout).pollInterval(Duration.ofSeconds(1)).until(() -> {
                for (var q : new ArrayList<>(empty.entrySet())) {
                    if (hasSeries(http, port, q.getValue())) {
                        empty.remove(q.getKey());
                    }
                }
                return empty.isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            // the caller reports which queries stayed empty
        }
        return empty;
    }

    /** Whether an instant query returns any series (false while Prometheus is still starting). */
    private static boolean hasSeries(HttpClient http, int port, String expr) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(r.body());
            assertThat(answer.path("status").asText()).as(expr + ": " + r.body()).isEqualTo("success");
            return answer.path("data").path("result").size() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, String> outcomes(List<Verdict> newest) {
        return KafkaTests.outcomes(newest);
    }

    private static List<Verdict> newest(List<Verdict> all) {
        return KafkaTests.newestPerOrder(all);
    }
}
