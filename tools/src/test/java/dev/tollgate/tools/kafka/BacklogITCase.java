package dev.tollgate.tools.kafka;

import dev.tollgate.jobs.kafka.TopicAdmin;

import dev.tollgate.jobs.kafka.TopicNames;

import dev.tollgate.jobs.kafka.StreamingConfiguration;

import dev.tollgate.jobs.kafka.StreamingJob;

import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.verdict.Verdict;
import dev.tollgate.fixtures.FixtureScaler;
import dev.tollgate.fixtures.ScenarioGenerator;
import dev.tollgate.tools.replay.ReplayJob;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.FailedCheckpointStats;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backlogs through a real broker (one per class, checking retention every 500 ms instead of every 5 minutes) under
 * the streaming job's production defaults:
 * <ul>
 *   <li>traffic older than the broker's default retention survives retention checks: Kafka's time retention counts
 *       from the record timestamp, which Tollgate's inputs set to the event time, so the topics Tollgate creates keep
 *       records by size only; a canary topic under the broker's default 7 days shows that checks ran and deleted
 *       what that default deletes;</li>
 *   <li>a state larger than the 5 MB a job-manager checkpoint may carry (which crash-looped the job when checkpoints
 *       went to the job manager's memory) checkpoints into the state directory: every checkpoint completes, the job
 *       never restarts.</li>
 * </ul>
 * Both end with the verdicts a BATCH replay of the same traffic gives.
 */
@Timeout(300)
class BacklogITCase {
    private static final long JOB_MANAGER_STATE_LIMIT = 5L * 1024 * 1024;
    private static final Duration MAX_WAIT = Duration.ofSeconds(180);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static EmbeddedKafkaBroker broker;
    private static final TollgateConfig CONFIG = KafkaTests.config();

    @BeforeAll
    static void start() throws Exception {
        // retention checks every 500 ms; the log cleaner looks for work every 100 ms, and segments roll each second
        broker = EmbeddedKafkaBroker.startOnFreePort(Map.of("log.retention.check.interval.ms", "500",
                "log.initial.task.delay.ms", "0", "log.cleaner.backoff.ms", "100", "log.roll.ms", "1000"));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void eventsOlderThanTheBrokersRetentionSurviveRetentionChecksAndAllGetVerdicts(@TempDir Path dir)
            throws Exception {
        // The Megabonus scenarios moved by whole days so that they end 30 days ago: all of it is past the default.
        List<String> scenario = Files.readAllLines(Path.of("..", "fixtures", "scenarios",
                "aliexpress-megabonus.jsonl"));
        Instant newest = scenario.stream().filter(l -> l.contains("\"ts\":\""))
                .map(l -> Instant.parse(l.replaceAll(".*\"ts\":\"([^\"]+)\".*", "$1")))
                .max(Instant::compareTo).orElseThrow();
        long days = Duration.between(newest, Instant.now()).toDays() + 30;
        List<String> old = new ArrayList<>();
        for (String line : scenario) {
            old.add(FixtureScaler.copy(line, 1, Duration.ofDays(-days)));
        }
        Map<String, String> expected = replayed(old, dir);
        assertThat(expected).hasSizeGreaterThan(5);

        TopicNames topics = new TopicNames("backfill.");
        load(topics, old);
        assertThat(TopicAdmin.retentionWarnings(broker.bootstrapServers(), topics)).isEmpty();
        String canary = "backfill.canary";
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(canary, 1, (short) 1))).all().get();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                    new StringSerializer())) {
                long monthAgo = Instant.now().minus(Duration.ofDays(30)).toEpochMilli();
                producer.send(new ProducerRecord<>(canary, null, monthAgo, "k", "old")).get();
            }
            // the canary's record is deleted once a retention check has run after the backfill was written
            awaitLogStartOffset(admin, new TopicPartition(canary, 0), 1);
            for (String topic : topics.inputs()) {
                for (var info : admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()) {
                    assertThat(logStartOffset(admin, new TopicPartition(topic, info.partition())))
                            .as("records deleted from " + topic).isZero();
                }
            }
        }
        JobClient job = start(topics, StreamingConfiguration.of(2, Duration.ofMillis(500), null, null));
        try {
            assertThat(verdicts(topics, expected)).isEqualTo(expected);
        } finally {
            KafkaTests.cancelAndAwait(job);
        }
    }

    @Test
    void aStateAboveTheJobManagersLimitCheckpointsWithoutFailuresOrRestarts(@TempDir Path dir,
                                                                           @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        List<String> traffic = new ScenarioGenerator(515, CONFIG).generate(3_000);
        Map<String, String> expected = replayed(traffic, dir);
        TopicNames topics = new TopicNames("state.");
        load(topics, traffic);
        JobClient job = start(topics, StreamingConfiguration.of(2, Duration.ofMillis(500),
                dir.resolve("state").toString(), StreamingConfiguration.Backend.HASHMAP, null));
        try {
            // checkpoints triggered while the tasks are still starting are refused ("not all required tasks are
            // currently running") and counted as failed: only failures after the first completed one count
            AtomicLong largest = new AtomicLong();
            AtomicLong failedAtStart = new AtomicLong(-1);
            await("a completed checkpoint larger than the job manager's limit").atMost(MAX_WAIT)
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        CheckpointStatsSnapshot stats = checkpoints(cluster, job.getJobID());
                        var completed = stats.getHistory().getLatestCompletedCheckpoint();
                        if (completed != null) {
                            failedAtStart.compareAndSet(-1, stats.getCounts().getNumberOfFailedCheckpoints());
                            largest.accumulateAndGet(completed.getStateSize(), Math::max);
                        }
                        return largest.get() > JOB_MANAGER_STATE_LIMIT;
                    });
            assertThat(largest.get()).as("state of a completed checkpoint").isGreaterThan(JOB_MANAGER_STATE_LIMIT);
            assertThat(verdicts(topics, expected)).isEqualTo(expected);
            CheckpointStatsSnapshot stats = checkpoints(cluster, job.getJobID());
            List<String> failures = new ArrayList<>();
            stats.getHistory().getCheckpoints().forEach(c -> {
                if (c instanceof FailedCheckpointStats f) {
                    failures.add(f.getCheckpointId() + ": " + f.getFailureMessage());
                }
            });
            assertThat(stats.getCounts().getNumberOfFailedCheckpoints() - failedAtStart.get())
                    .as("checkpoints failed after the first completed one " + failures).isZero();
            assertThat(stats.getCounts().getNumberOfCompletedCheckpoints()).isGreaterThan(1);
            assertThat(stats.getCounts().getNumberOfRestoredCheckpoints()).as("restores").isZero();
        } finally {
            KafkaTests.cancelAndAwait(job);
        }
    }

    /**
     * The ledger sees every version of every verdict even when it reads after the log cleaner ran: the verdict topic
     * is compacted, and compaction used to drop earlier versions within seconds, because Kafka rolls segments by the
     * records' timestamps, which were event times (rolled as soon as they advance by {@code segment.ms}). A canary topic configured as the verdict topic used to be, fed
     * the same verdicts, shows the cleaner ran and what it did there.
     */
    @Test
    void everyVerdictVersionOutlivesTheLogCleaner(@TempDir Path dir) throws Exception {
        List<String> scenario = Files.readAllLines(Path.of("..", "fixtures", "scenarios",
                "aliexpress-bestprice.jsonl"));
        Map<String, String> expected = replayed(scenario, dir);
        TopicNames topics = new TopicNames("history.");
        load(topics, scenario);
        assertThat(TopicAdmin.retentionWarnings(broker.bootstrapServers(), topics)).isEmpty();
        JobClient job = start(topics, StreamingConfiguration.of(2, Duration.ofMillis(500), null, null));
        List<Verdict> written;
        try {
            assertThat(verdicts(topics, expected)).isEqualTo(expected);
            written = VerdictReader.readVerdicts(broker.bootstrapServers(), topics.verdicts(), Duration.ofSeconds(2),
                    MAX_WAIT, v -> false);
        } finally {
            KafkaTests.cancelAndAwait(job);
        }
        assertThat(written.stream().filter(v -> v.version() > 1)).as("versions after an order's first").isNotEmpty();
        KafkaTests.assertEveryVersionOnce(written);

        String canary = "history.canary";
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(canary, 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                    new StringSerializer())) {
                // one append each (a batch is never split across segments), stamped like event times that advance
                // by more than the roll interval: Kafka rolls when a record's timestamp is that far past the
                // segment's first
                long monthAgo = Instant.now().minus(Duration.ofDays(30)).toEpochMilli();
                for (int i = 0; i < written.size(); i++) {
                    producer.send(new ProducerRecord<>(canary, null, monthAgo + i * 2_000L, written.get(i).orderId(),
                            written.get(i).orderId())).get();
                }
            }
        }
        await("the cleaner compacted the canary").atMost(MAX_WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> VerdictReader.readValues(broker.bootstrapServers(), canary, Duration.ofSeconds(1),
                        MAX_WAIT, v -> false).size() < written.size());
        await("every verdict version still there while the cleaner runs").during(Duration.ofSeconds(3))
                .atMost(MAX_WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> VerdictReader.readVerdicts(broker.bootstrapServers(), topics.verdicts(),
                        Duration.ofSeconds(1), MAX_WAIT, v -> v.size() == written.size()).size() == written.size());
    }

    /** The outcomes a BATCH replay gives for {@code lines}. */
    private static Map<String, String> replayed(List<String> lines, Path dir) throws Exception {
        Path file = dir.resolve("traffic.jsonl");
        Files.write(file, lines);
        return KafkaTests.outcomes(new ReplayJob(CONFIG, RuntimeExecutionMode.BATCH, 2, Clock.systemUTC())
                .run(List.of(file)).verdicts());
    }

    /** The backlog, in the topics before the job starts. */
    /**
     * {@code bench stream --backlog} loads its input before the job starts, runs the job itself and times it through
     * the backlog: every scenario order's verdicts arrive, and it reports the rate over the records it loaded.
     */
    @Test
    void theBacklogBenchmarkLoadsFirstThenTimesTheJobThroughTheBacklog() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new dev.tollgate.tools.cli.TollgateCli());
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        int exit = cli.execute("bench", "stream", "--backlog", "--bootstrap", broker.bootstrapServers(),
                "--topic-prefix", "bench.", "--input", Path.of("..", "fixtures", "scenarios").toString(),
                "--checkpoint-interval", "500ms", "--idle", "3s");

        assertThat(exit).as(out + "\n" + err).isZero();
        long records = InputFilesLines.count(Path.of("..", "fixtures", "scenarios"));
        assertThat(out.toString()).contains("loaded " + records + " records")
                .containsPattern("backlog of " + records + " records: job submitted, first verdict after [0-9.]+ s, "
                        + "last after [0-9.]+ s; [0-9]+ verdict versions read_committed: [0-9]+ records/s sustained");
        long versions = Long.parseLong(out.toString().replaceAll("(?s).*; ([0-9]+) verdict versions.*", "$1"));
        assertThat(versions).as("a verdict version for each scenario order at least").isGreaterThanOrEqualTo(83);
    }

    /** Non-blank lines of the fixture files under a directory. */
    private static final class InputFilesLines {
        static long count(Path dir) {
            return dev.tollgate.tools.replay.InputFiles.readLines(List.of(dir)).stream().filter(l -> !l.isBlank())
                    .count();
        }
    }

    private static void load(TopicNames topics, List<String> lines) throws Exception {
        TopicAdmin.ensureTopics(broker.bootstrapServers(), topics);
        try (FixtureLoader loader = new FixtureLoader(broker.bootstrapServers(), topics,
                CONFIG.settings().parserSettings())) {
            loader.load(lines, 0, n -> { });
        }
    }

    private static JobClient start(TopicNames topics, Configuration conf) throws Exception {
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        StreamingJob.build(env, CONFIG, StreamingJob.Options.defaults(broker.bootstrapServers(), topics), s -> s);
        return env.executeAsync("tollgate " + topics.prefix());
    }

    /** The outcomes on the verdict topic once they equal {@code expected}, or after the wait. */
    private static Map<String, String> verdicts(TopicNames topics, Map<String, String> expected) {
        List<Verdict> all = VerdictReader.readVerdicts(broker.bootstrapServers(), topics.verdicts(), MAX_WAIT,
                MAX_WAIT, v -> KafkaTests.outcomes(KafkaTests.newestPerOrder(v)).equals(expected));
        return KafkaTests.outcomes(KafkaTests.newestPerOrder(all));
    }

    private static void awaitLogStartOffset(Admin admin, TopicPartition tp, long atLeast) {
        await("retention deleted the canary").atMost(MAX_WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> logStartOffset(admin, tp) >= atLeast);
    }

    /** The earliest offset still held: above 0 once retention deleted records. */
    private static long logStartOffset(Admin admin, TopicPartition tp) throws Exception {
        return admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).all().get().get(tp).offset();
    }

    private static CheckpointStatsSnapshot checkpoints(MiniCluster cluster, JobID job) throws Exception {
        return cluster.getExecutionGraph(job).get().getCheckpointStatsSnapshot();
    }
}
