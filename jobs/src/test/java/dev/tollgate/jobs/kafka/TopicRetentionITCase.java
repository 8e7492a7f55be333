package dev.tollgate.jobs.kafka;

import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.verdict.Verdict;
import dev.tollgate.jobs.fixtures.FixtureScaler;
import dev.tollgate.jobs.replay.ReplayJob;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backfill of traffic older than the broker's default retention loses nothing: Kafka's time retention counts from
 * the record timestamp, which Tollgate's inputs set to the event time, so the topics Tollgate creates keep records by
 * size only. The broker here checks retention every 500 ms (instead of every 5 minutes), and a canary topic under the
 * broker's default 7 days shows that checks ran and deleted what that default deletes.
 */
@Timeout(300)
class TopicRetentionITCase {
    private static final Duration MAX_WAIT = Duration.ofSeconds(120);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.startOnFreePort(Map.of("log.retention.check.interval.ms", "500",
                "log.initial.task.delay.ms", "0"));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void eventsOlderThanTheBrokersRetentionSurviveRetentionChecksAndAllGetVerdicts(@TempDir Path dir)
            throws Exception {
        TollgateConfig config = KafkaTests.config();
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
        Path file = dir.resolve("old.jsonl");
        Files.write(file, old);
        Map<String, String> expected = KafkaTests.outcomes(new ReplayJob(config, RuntimeExecutionMode.BATCH, 2,
                Clock.systemUTC()).run(List.of(file)).verdicts());
        assertThat(expected).hasSizeGreaterThan(5);

        TopicNames topics = new TopicNames("backfill.");
        TopicAdmin.ensureTopics(broker.bootstrapServers(), topics);
        assertThat(TopicAdmin.retentionWarnings(broker.bootstrapServers(), topics)).isEmpty();
        try (FixtureLoader loader = new FixtureLoader(broker.bootstrapServers(), topics,
                config.settings().parserSettings())) {
            loader.load(old, 0, n -> { });
        }
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

        Configuration conf = StreamingConfiguration.of(2, Duration.ofMillis(500), null, null);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        StreamingJob.build(env, config, StreamingJob.Options.defaults(broker.bootstrapServers(), topics), s -> s);
        JobClient job = env.executeAsync("tollgate backfill");
        try {
            List<Verdict> all = VerdictReader.readVerdicts(broker.bootstrapServers(), topics.verdicts(), MAX_WAIT,
                    MAX_WAIT, v -> KafkaTests.outcomes(KafkaTests.newestPerOrder(v)).equals(expected));
            assertThat(KafkaTests.outcomes(KafkaTests.newestPerOrder(all))).isEqualTo(expected);
        } finally {
            job.cancel().get();
        }
    }

    private static void awaitLogStartOffset(Admin admin, TopicPartition tp, long atLeast) throws Exception {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (logStartOffset(admin, tp) < atLeast) {
            assertThat(System.nanoTime()).as("retention deleted the canary in time").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The earliest offset still held: above 0 once retention deleted records. */
    private static long logStartOffset(Admin admin, TopicPartition tp) throws Exception {
        return admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).all().get().get(tp).offset();
    }
}
