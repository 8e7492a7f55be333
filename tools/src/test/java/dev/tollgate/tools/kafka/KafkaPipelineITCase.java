package dev.tollgate.tools.kafka;

import dev.tollgate.jobs.kafka.TopicAdmin;

import dev.tollgate.jobs.kafka.TopicNames;

import dev.tollgate.jobs.kafka.StreamingConfiguration;

import dev.tollgate.jobs.kafka.StreamingJob;

import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.signing.RecordSignature;
import dev.tollgate.detectors.signing.SigningKeys;
import dev.tollgate.detectors.verdict.Reason;
import dev.tollgate.detectors.verdict.Verdict;
import dev.tollgate.jobs.pipeline.RawRecord;
import dev.tollgate.tools.replay.InputFiles;
import dev.tollgate.tools.replay.ReplayJob;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming job against a real Kafka broker (KRaft, in this JVM, one per class) on a MiniCluster at parallelism 2:
 * parity with replay, exactly-once verdicts under repeated failures, dead letters from every input topic, analyst
 * decisions.
 */
@Timeout(300)
class KafkaPipelineITCase {
    private static final int PARALLELISM = 2;
    private static final Duration MAX_WAIT = Duration.ofSeconds(120);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4)
                    .build());

    private static EmbeddedKafkaBroker broker;
    private static TollgateConfig config;
    private static List<String> scenarioLines;
    private static Map<String, String> replayOutcomes;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.startOnFreePort();
        config = KafkaTests.config();
        List<Path> files = InputFiles.resolve(List.of(Path.of("..", "fixtures", "scenarios")));
        scenarioLines = new ArrayList<>();
        for (Path f : files) {
            scenarioLines.addAll(Files.readAllLines(f));
        }
        replayOutcomes = outcomes(new ReplayJob(config, RuntimeExecutionMode.BATCH, PARALLELISM, Clock.systemUTC())
                .run(files).verdicts());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static final Path MEGABONUS = Path.of("..", "fixtures", "scenarios", "aliexpress-megabonus.jsonl");

    /** The replay outcomes of the orders whose ids start with one of {@code prefixes}. */
    private static Map<String, String> outcomesOf(String... prefixes) {
        Map<String, String> expected = new TreeMap<>();
        replayOutcomes.forEach((k, v) -> {
            if (java.util.Arrays.stream(prefixes).anyMatch(k::startsWith)) {
                expected.put(k, v);
            }
        });
        return expected;
    }

    /** The replay outcomes of the Megabonus scenarios' orders (canonical and native). */
    private static Map<String, String> megabonusOutcomes() {
        return outcomesOf("mb-", "82");
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static Map<String, String> outcomes(List<Verdict> newest) {
        return KafkaTests.outcomes(newest);
    }

    private static List<Verdict> newestPerOrder(List<Verdict> all) {
        return KafkaTests.newestPerOrder(all);
    }

    private static JobClient startJob(TopicNames topics, UnaryOperator<DataStream<RawRecord>> beforeParse)
            throws Exception {
        return startJob(topics, beforeParse, null);
    }

    /** @param restoreFrom a savepoint to start from, or {@code null} */
    private static JobClient startJob(TopicNames topics, UnaryOperator<DataStream<RawRecord>> beforeParse,
                                      String restoreFrom) throws Exception {
        TopicAdmin.ensureTopics(broker.bootstrapServers(), topics);
        Configuration conf = StreamingConfiguration.of(PARALLELISM, Duration.ofMillis(500), null, restoreFrom);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        env.setParallelism(PARALLELISM);
        StreamingJob.build(env, config, StreamingJob.Options.defaults(broker.bootstrapServers(), topics)
                .withSigningKeys(KEYS), beforeParse);
        return env.executeAsync("tollgate " + topics.prefix());
    }

    /** The job's key; the tests sign their decisions and control records with it, as the console does. */
    private static final String SECRET = "the pipeline test's signing key, 32+ characters";
    private static final SigningKeys KEYS = SigningKeys.of(List.of(SECRET));

    private static ProducerRecord<String, String> signed(ProducerRecord<String, String> record) {
        record.headers().add(RecordSignature.HEADER, RecordSignature.sign(KEYS, record.value()).getBytes(UTF_8));
        return record;
    }

    private static void load(TopicNames topics, List<String> lines) throws Exception {
        try (FixtureLoader loader = new FixtureLoader(broker.bootstrapServers(), topics,
                config.settings().parserSettings())) {
            loader.load(lines, 0, n -> { });
        }
    }

    /** Reads the verdict topic read_committed until the newest verdicts show the expected outcomes. */
    private static List<Verdict> awaitVerdicts(TopicNames topics, Map<String, String> expected) {
        return VerdictReader.readVerdicts(broker.bootstrapServers(), topics.verdicts(), MAX_WAIT, MAX_WAIT,
                all -> outcomes(newestPerOrder(all)).equals(expected));
    }

    @Test
    void theFixturesThroughKafkaGiveTheSameFinalVerdictsAsReplay() throws Exception {
        TopicNames topics = new TopicNames("parity.");
        // The backlog is in the topics before the job starts, so every partition has records when it is first read:
        // a partition that a busy 2-core machine left unread for the idleness timeout while its producer batch was
        // still in flight would otherwise be skipped by the watermark, and its clicks would arrive after the grace.
        TopicAdmin.ensureTopics(broker.bootstrapServers(), topics);
        load(topics, scenarioLines);
        JobClient job = startJob(topics, s -> s);
        try {
            List<Verdict> all = awaitVerdicts(topics, replayOutcomes);
            assertThat(outcomes(newestPerOrder(all))).isEqualTo(replayOutcomes);
        } finally {
            job.cancel().get();
        }
    }

    /** Fails the job twice after it has checkpointed and produced, in the manner of Flink's KafkaSinkITCase. */
    static final class FailTwice extends RichMapFunction<RawRecord, RawRecord> {
        static final AtomicInteger FAILURES = new AtomicInteger();
        private int seen;

        @Override
        public RawRecord map(RawRecord r) {
            seen++;
            int attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
            if (attempt < 2 && seen > 60 + 40 * attempt && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure on attempt " + attempt);
            }
            return r;
        }
    }

    @Test
    void failuresAfterCheckpointsLoseAndDuplicateNoVerdictVersion() throws Exception {
        TopicNames topics = new TopicNames("eos.");
        FailTwice.FAILURES.set(0);
        JobClient job = startJob(topics, s -> s.map(new FailTwice()).uid("inject-failures").name("inject failures"));
        try {
            load(topics, scenarioLines);
            List<Verdict> all = awaitVerdicts(topics, replayOutcomes);
            assertThat(FailTwice.FAILURES.get()).as("the job failed and recovered").isGreaterThanOrEqualTo(2);
            assertThat(outcomes(newestPerOrder(all))).isEqualTo(replayOutcomes);
            KafkaTests.assertEveryVersionOnce(all);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void badRecordsOnEveryInputTopicGoToTheDeadLetterTopicAndTheJobKeepsRunning() throws Exception {
        TopicNames topics = new TopicNames("dlq.");
        JobClient job = startJob(topics, s -> s);
        try {
            try (KafkaProducer<String, String> producer = producer()) {
                for (String topic : topics.inputs()) {
                    producer.send(new ProducerRecord<>(topic, "k", "{not json " + topic));
                    producer.send(new ProducerRecord<>(topic, "k", "{\"eventId\":7}"));
                }
            }
            load(topics, Files.readAllLines(MEGABONUS));
            Map<String, String> expected = megabonusOutcomes();
            assertThat(outcomes(newestPerOrder(awaitVerdicts(topics, expected)))).isEqualTo(expected);
            List<String> dead = VerdictReader.readValues(broker.bootstrapServers(), topics.dlq(), MAX_WAIT, MAX_WAIT,
                    v -> v.size() >= 2 * topics.inputs().size());
            assertThat(dead).hasSize(2 * topics.inputs().size());
            for (String topic : topics.inputs()) {
                // unsigned records on the decision and control topics are refused before they are read
                String kind = topic.equals(topics.control()) ? "UNAUTHENTICATED_CONTROL"
                        : topic.equals(topics.decisions()) ? "UNAUTHENTICATED_DECISION" : "NOT_JSON";
                assertThat(dead).filteredOn(d -> d.contains("\"topic\":\"" + topic + "\"")).hasSize(2)
                        .anySatisfy(d -> assertThat(d).contains("\"kind\":\"" + kind + "\"", "\"partition\"",
                                "\"offset\"", "\"raw\":\"{not json " + topic + "\""));
            }
        } finally {
            job.cancel().get();
        }
    }

    /**
     * The issue's attack: half of a scenario, a click stamped 9999-12-31 (record timestamp and payload, as the loader
     * stamps it) and one whose payload alone says so, then the other half. Both are FUTURE_TIMESTAMP dead letters,
     * and since neither is shown to the watermarks, the second half is not late and every verdict is replay's.
     */
    @Test
    void aRecordStampedFarAheadIsADeadLetterAndMovesNoEventTime() throws Exception {
        TopicNames topics = new TopicNames("future.");
        JobClient job = startJob(topics, s -> s);
        try {
            List<String> bestprice = Files.readAllLines(Path.of("..", "fixtures", "scenarios",
                    "aliexpress-bestprice.jsonl")).stream().filter(l -> !l.isBlank()).toList();
            int half = bestprice.size() / 2;
            load(topics, bestprice.subList(0, half));
            VerdictReader.readValues(broker.bootstrapServers(), topics.verdicts(), MAX_WAIT, MAX_WAIT,
                    v -> !v.isEmpty());
            String click = bestprice.stream().filter(l -> l.contains("\"type\":\"click\"")).findFirst()
                    .orElseThrow().replaceAll("\"ts\":\"[^\"]+\"", "\"ts\":\"9999-12-31T23:59:59Z\"");
            load(topics, List.of(click.replace("\"clickId\":\"", "\"clickId\":\"future-a-")));
            try (KafkaProducer<String, String> producer = producer()) {
                producer.send(new ProducerRecord<>(topics.clicks(), "future-b",
                        click.replace("\"clickId\":\"", "\"clickId\":\"future-b-"))).get();
            }
            List<String> dead = VerdictReader.readValues(broker.bootstrapServers(), topics.dlq(), MAX_WAIT, MAX_WAIT,
                    v -> v.stream().filter(d -> d.contains("FUTURE_TIMESTAMP")).count() >= 2);
            assertThat(dead).filteredOn(d -> d.contains("\"kind\":\"FUTURE_TIMESTAMP\"")).hasSize(2)
                    .anySatisfy(d -> assertThat(d).contains("future-a-", "record timestamp: event time "))
                    .anySatisfy(d -> assertThat(d).contains("future-b-", "after the time it was read"));
            load(topics, bestprice.subList(half, bestprice.size()));
            Map<String, String> expected = outcomesOf("bp-");
            assertThat(outcomes(newestPerOrder(awaitVerdicts(topics, expected)))).isEqualTo(expected);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aControlTopicChangeAppliesToLaterEventsOnlyWithoutARestart() throws Exception {
        TopicNames topics = new TopicNames("control.");
        JobClient job = startJob(topics, s -> s);
        try {
            List<String> bestprice = Files.readAllLines(Path.of("..", "fixtures", "scenarios",
                    "aliexpress-bestprice.jsonl"));
            load(topics, bestprice);
            awaitVerdicts(topics, outcomesOf("bp-"));
            try (KafkaProducer<String, String> producer = producer()) {
                producer.send(signed(new ProducerRecord<>(topics.control(), "change", "{\"version\":\"bad-1\","
                        + "\"settings\":{\"detectors.bot.noSuchThing\":\"3\"}}")));
            }
            // the valid change as an operator sends it: `tollgate control`, signed with the job's key
            Path keyFile = Files.createTempFile("tollgate-key", ".txt");
            Files.writeString(keyFile, SECRET + "\n");
            assertThat(new picocli.CommandLine(new dev.tollgate.tools.cli.ControlCommand()).execute("--bootstrap",
                    broker.bootstrapServers(), "--topic-prefix", topics.prefix(), "--signing-key-file",
                    keyFile.toString(), "{\"version\":\"live-1\",\"programs\":{\"aliexpress-bestprice\":"
                            + "{\"terms.trackingBlocked.severity\":\"shadow\"}}}")).isZero();
            Files.delete(keyFile);
            // the invalid change's dead letter shows the job has read the control topic (the valid change is right after
            // it in the same partition) before the later traffic is sent
            VerdictReader.readValues(broker.bootstrapServers(), topics.dlq(), MAX_WAIT, MAX_WAIT,
                    v -> v.stream().anyMatch(x -> x.contains("bad-1")));
            // the same traffic again, a day later and under new ids: placed after the change
            List<String> later = new ArrayList<>();
            for (String line : bestprice) {
                later.add(dev.tollgate.fixtures.FixtureScaler.copy(line, 1, Duration.ofDays(1)));
            }
            load(topics, later);
            List<Verdict> all = VerdictReader.readVerdicts(broker.bootstrapServers(), topics.verdicts(), MAX_WAIT,
                    MAX_WAIT, v -> newestPerOrder(v).stream().anyMatch(x -> x.orderId().equals("bp-adblock-1")));
            Map<String, Verdict> newest = new TreeMap<>();
            newestPerOrder(all).forEach(v -> newest.put(v.orderId(), v));
            assertThat(newest.get("bp-adblock").decision().name()).as("before the change").isEqualTo("EXCLUDE");
            assertThat(newest.get("bp-adblock-1").decision().name()).as("after the change").isEqualTo("CREDIT");
            assertThat(newest.get("bp-adblock-1").policyVersion()).startsWith("aliexpress-bestprice@live-1#");
            assertThat(newest.get("bp-adblock-1").reasons()).extracting(Reason::severity).containsExactly("shadow");
            List<String> dead = VerdictReader.readValues(broker.bootstrapServers(), topics.dlq(), MAX_WAIT, MAX_WAIT,
                    v -> !v.isEmpty());
            assertThat(dead).singleElement().satisfies(d -> assertThat(d).contains("INVALID_CONTROL", "bad-1",
                    "no such setting"));
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void anAnalystDecisionOverridesTheDetectorsVerdict() throws Exception {
        TopicNames topics = new TopicNames("decisions.");
        JobClient job = startJob(topics, s -> s);
        try {
            // the Megabonus traffic ends before its orders' refund windows close: the verdicts are still open
            load(topics, Files.readAllLines(MEGABONUS));
            awaitVerdicts(topics, megabonusOutcomes());
            String ruling = "{\"orderId\":\"mb-adblock\",\"decision\":\"CREDIT\",\"analyst\":\"maria\","
                    + "\"note\":\"blocker was a false positive\",\"ts\":\"2026-11-11T09:00:00Z\"}";
            long at = java.time.Instant.parse("2026-11-11T09:00:00Z").toEpochMilli();
            String forged = ruling.replace("maria", "mallory").replace("mb-adblock", "mb-clean")
                    .replace("CREDIT", "EXCLUDE");
            try (KafkaProducer<String, String> producer = producer()) {
                // a forger who can write the topic: unsigned, and signed with a key the job does not hold
                producer.send(new ProducerRecord<>(topics.decisions(), null, at, "mb-clean", forged));
                ProducerRecord<String, String> foreign = new ProducerRecord<>(topics.decisions(), null, at,
                        "mb-clean", forged);
                foreign.headers().add(RecordSignature.HEADER, RecordSignature.sign(SigningKeys.of(List.of(
                        "a key that the job was never given, 32+ characters")), forged).getBytes(UTF_8));
                producer.send(foreign);
                producer.send(signed(new ProducerRecord<>(topics.decisions(), null, at, "mb-adblock", ruling)));
            }
            List<Verdict> all = VerdictReader.readVerdicts(broker.bootstrapServers(), topics.verdicts(), MAX_WAIT,
                    MAX_WAIT, v -> v.stream().anyMatch(x -> "maria".equals(x.decidedBy())));
            assertThat(all).noneMatch(v -> "mallory".equals(v.decidedBy()));
            List<String> dead = VerdictReader.readValues(broker.bootstrapServers(), topics.dlq(), MAX_WAIT, MAX_WAIT,
                    v -> v.size() >= 2);
            assertThat(dead).hasSize(2).allSatisfy(d -> assertThat(d).contains("UNAUTHENTICATED_DECISION", "mallory"))
                    .anySatisfy(d -> assertThat(d).contains("not signed"))
                    .anySatisfy(d -> assertThat(d).contains("a key this job does not hold"));
            Verdict ruled = newestPerOrder(all).stream().filter(v -> v.orderId().equals("mb-adblock")).findFirst()
                    .orElseThrow();
            assertThat(ruled.decidedBy()).isEqualTo("maria");
            assertThat(ruled.decision().name()).isEqualTo("CREDIT");
            assertThat(ruled.fin()).isTrue();
            assertThat(ruled.reasons()).extracting(Reason::code).contains("TRACKING_BLOCKED");
        } finally {
            job.cancel().get();
        }
    }

    /** Waits until the job's consumer group has committed everything on {@code topic} (it checkpointed past it). */
    private static void awaitConsumed(StreamingJob.Options options, String topic) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            long deadline = System.nanoTime() + MAX_WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                var committed = admin.listConsumerGroupOffsets(options.groupId()).partitionsToOffsetAndMetadata()
                        .get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(i -> latest.put(new TopicPartition(topic, i.partition()), OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                boolean done = ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                        || (committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue().offset()));
                if (done) {
                    return;
                }
                // the source commits offsets on checkpoints (every 500 ms): wait for the next one
                Thread.onSpinWait();
                admin.describeCluster().nodes().get();
            }
            throw new AssertionError("the job did not consume " + topic + " in time");
        }
    }

    @Test
    void aRestartFromASavepointKeepsAttributionState(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        TopicNames topics = new TopicNames("savepoint.");
        StreamingJob.Options options = StreamingJob.Options.defaults(broker.bootstrapServers(), topics);
        List<String> ordered;
        try (FixtureLoader sorter = new FixtureLoader(broker.bootstrapServers(), topics,
                config.settings().parserSettings())) {
            ordered = sorter.inEventTimeOrder(scenarioLines);
        }
        // the traffic up to a moment in the middle of the Megabonus scenarios before the savepoint, the rest after:
        // orders completed after the restart must still find the clicks and history from before it
        int split = 0;
        while (!ordered.get(split).contains("\"eventId\":\"mb-clean:paid\"")) {
            split++;
        }
        List<String> before = ordered.subList(0, split + 1);
        List<String> after = ordered.subList(split + 1, ordered.size());
        assertThat(after).anyMatch(l -> l.contains("\"eventId\":\"mb-clean:completed\""))
                .anyMatch(l -> l.contains("\"eventId\":\"mb-paid-late:paid\""));
        JobClient first = startJob(topics, s -> s);
        load(topics, before);
        for (String topic : topics.inputs()) {
            awaitConsumed(options, topic);
        }
        String savepoint = first.stopWithSavepoint(false, dir.toUri().toString(),
                org.apache.flink.core.execution.SavepointFormatType.CANONICAL).get();

        JobClient second = startJob(topics, s -> s, savepoint);
        try {
            load(topics, after);
            List<Verdict> all = awaitVerdicts(topics, replayOutcomes);
            assertThat(outcomes(newestPerOrder(all))).isEqualTo(replayOutcomes);
            assertThat(newestPerOrder(all)).filteredOn(v -> v.orderId().equals("mb-clean")).singleElement()
                    .satisfies(v -> assertThat(v.reasons()).isEmpty());
        } finally {
            second.cancel().get();
        }
    }

    /**
     * The malformed corpus once through the broker: 1,200 generated faults of every kind in the values of every typed
     * input topic (decisions signed, so the parser sees them), sent while the scenarios' orders are in the job's state
     * and stamped with the event times of the records they were made from. Each is on the dlq with its kind, and the
     * verdict topic is exactly what it was before them: not one version more.
     */
    @Test
    void aCorpusOfMalformedRecordsOnEveryTopicIsDeadLetteredAndChangesNoVerdict() throws Exception {
        TopicNames topics = new TopicNames("corpus.");
        TopicAdmin.ensureTopics(broker.bootstrapServers(), topics);
        load(topics, scenarioLines);
        JobClient job = startJob(topics, s -> s);
        try {
            assertThat(outcomes(newestPerOrder(awaitVerdicts(topics, replayOutcomes)))).isEqualTo(replayOutcomes);
            // the final versions follow the outcomes once every partition is idle: read until none has come for a while
            List<Verdict> before = VerdictReader.readVerdicts(broker.bootstrapServers(), topics.verdicts(),
                    Duration.ofSeconds(8), MAX_WAIT, all -> false);

            var generator = dev.tollgate.detectors.testing.MalformedRecords.forTopics(scenarioLines,
                    config.settings().maxRecordBytes());
            var parser = new dev.tollgate.detectors.parse.EventParser(config.settings().parserSettings());
            var corpus = generator.corpus(1200, 44L, dev.tollgate.detectors.testing.MalformedRecords.KINDS);
            Map<String, String> kinds = new HashMap<>();
            try (KafkaProducer<String, String> producer = producer()) {
                for (var m : corpus) {
                    long ts = parser.parse(m.seed(), "seed", m.type()).events().get(0).ts();
                    ProducerRecord<String, String> record = new ProducerRecord<>(topics.forType(m.type()), null, ts,
                            "k", m.line());
                    producer.send(m.type() == dev.tollgate.detectors.parse.InputType.DECISION ? signed(record)
                            : record);
                    kinds.put(m.line(), m.kind().name());
                }
            }
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            List<String> dead = VerdictReader.readValues(broker.bootstrapServers(), topics.dlq(), MAX_WAIT, MAX_WAIT,
                    v -> v.size() >= corpus.size());
            assertThat(dead).hasSize(corpus.size());
            for (String d : dead) {
                var n = json.readTree(d);
                assertThat(n.get("kind").asText()).as(n.get("raw").asText()).isEqualTo(kinds.get(n.get("raw").asText()));
                assertThat(n.get("reason").asText()).isNotBlank();
            }
            List<Verdict> after = VerdictReader.readVerdicts(broker.bootstrapServers(), topics.verdicts(),
                    Duration.ofSeconds(5), MAX_WAIT, all -> false);
            assertThat(after.stream().map(dev.tollgate.detectors.verdict.VerdictJson::write).sorted().toList())
                    .as("the dlq's checkpoint committed every verdict the corpus could have caused")
                    .isEqualTo(before.stream().map(dev.tollgate.detectors.verdict.VerdictJson::write).sorted()
                            .toList());
        } finally {
            job.cancel().get();
        }
    }
}
