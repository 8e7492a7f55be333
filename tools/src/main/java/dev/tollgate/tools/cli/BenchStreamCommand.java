package dev.tollgate.tools.cli;

import dev.tollgate.jobs.kafka.KafkaClients;
import dev.tollgate.jobs.options.StateBackendOption;

import dev.tollgate.jobs.options.KafkaOptions;

import dev.tollgate.jobs.options.ParallelismOption;

import dev.tollgate.jobs.options.ConfigOption;

import dev.tollgate.jobs.options.CheckpointOptions;

import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.verdict.VerdictJson;
import dev.tollgate.tools.kafka.FixtureLoader;
import dev.tollgate.jobs.kafka.StreamingConfiguration;
import dev.tollgate.jobs.kafka.StreamingJob;
import dev.tollgate.jobs.kafka.TopicAdmin;
import dev.tollgate.tools.replay.Directories;
import dev.tollgate.tools.replay.InputFiles;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code tollgate bench stream}: measures the streaming job through the broker. By default it produces a file at a
 * given rate into a job already running, reads the verdict topic {@code read_committed} as the ledger does, and reports
 * sustained records/s and verdict latency (from sending an order's record to the ledger seeing the verdict it caused,
 * exactly-once commit included). With {@code --backlog} it loads the whole file first, then starts the job in this
 * process and times it through the backlog, job start included, until the verdicts stop.
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "Benchmarks a running `tollgate run` job through Kafka: sends the input (in event-time order, at "
                + "--rate records/s or as fast as possible), reads verdicts read_committed, and prints sustained "
                + "records/s and verdict latency p50/p99/max. With --backlog: loads the input first, then starts the job "
                + "here and prints records/s through the backlog, job start included.")
public final class BenchStreamCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = {"-i", "--input"}, required = true, arity = "1..*", paramLabel = "FILE_OR_DIR",
            description = "Fixture files or directories.")
    List<Path> inputs;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "N",
            description = "Records per second to send (default: as fast as possible).")
    double rate;

    @Option(names = "--idle", defaultValue = "15s", paramLabel = "DURATION",
            converter = KafkaOptions.DurationConverter.class,
            description = "Stop after the load when no verdict arrived for this long (default: ${DEFAULT-VALUE}).")
    Duration idle;

    @Option(names = "--backlog",
            description = "Load the whole input before any job reads it, then start the job in this process "
                    + "(MiniCluster, state in a temporary directory) and time it from job start to the last verdict.")
    boolean backlog;

    @Mixin
    CheckpointOptions checkpoints;

    @Mixin
    StateBackendOption backend;

    @Mixin
    ParallelismOption parallelism;

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TollgateConfig cfg = config.load();
        TopicAdmin.ensureTopics(kafka.client(), kafka.topics());
        if (backlog) {
            return backlog(cfg);
        }
        List<String> lines = InputFiles.readLines(inputs);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> latencies = new ArrayList<>();
        AtomicLong verdicts = new AtomicLong();
        AtomicLong lastVerdictAt = new AtomicLong();
        AtomicBoolean loaded = new AtomicBoolean();
        Thread reader = new Thread(() -> read(sentAt, latencies, verdicts, lastVerdictAt, loaded, null),
                "bench-reader");
        reader.start();

        long start;
        long sent;
        try (FixtureLoader loader = new FixtureLoader(kafka.client(), kafka.topics(),
                cfg.settings().parserSettings())) {
            warmUp(loader, verdicts);
            loader.onSend((orderKey, nanos) -> sentAt.putIfAbsent(orderKey, nanos));
            start = System.nanoTime();
            sent = loader.load(lines, rate, n -> { });
        }
        long loadDone = System.nanoTime();
        loaded.set(true);
        reader.join();

        PrintWriter out = spec.commandLine().getOut();
        double loadSeconds = (loadDone - start) / 1e9;
        double totalSeconds = (Math.max(lastVerdictAt.get(), loadDone) - start) / 1e9;
        List<Long> copy;
        synchronized (latencies) {
            copy = new ArrayList<>(latencies);
        }
        double[] ms = copy.stream().mapToDouble(n -> n / 1e6).toArray();
        Percentile p = new Percentile();
        out.printf("sent %d records in %.1f s (%.0f records/s offered); %d verdict versions read_committed; "
                        + "last verdict %.1f s after the first record: %.0f records/s sustained%n",
                sent, loadSeconds, sent / loadSeconds, verdicts.get(), totalSeconds, sent / totalSeconds);
        if (ms.length > 0) {
            out.printf("first-verdict latency (first record of an order sent -> its first verdict visible "
                    + "read_committed): p50 %.0f ms, p99 %.0f ms, max %.0f ms over %d orders%n", p.evaluate(ms, 50),
                    p.evaluate(ms, 99), java.util.Arrays.stream(ms).max().orElse(0), ms.length);
        }
        out.flush();
        return 0;
    }

    /**
     * Loads the input into the topics, then runs the job here from the start of the topics and counts verdicts until
     * none came for {@code --idle}. The figure is records / (last verdict - job submission).
     */
    private int backlog(TollgateConfig cfg) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        long sent;
        long loadStart = System.nanoTime();
        try (FixtureLoader loader = new FixtureLoader(kafka.client(), kafka.topics(),
                cfg.settings().parserSettings())) {
            sent = loader.load(InputFiles.readLines(inputs), 0, n -> { });
        }
        out.printf("loaded %d records in %.1f s; starting the job%n", sent, (System.nanoTime() - loadStart) / 1e9);
        out.flush();
        AtomicLong verdicts = new AtomicLong();
        AtomicLong firstVerdictAt = new AtomicLong();
        AtomicLong lastVerdictAt = new AtomicLong();
        java.util.concurrent.CountDownLatch positioned = new java.util.concurrent.CountDownLatch(1);
        Thread reader = new Thread(() -> read(new ConcurrentHashMap<>(), new ArrayList<>(), verdicts, lastVerdictAt,
                new AtomicBoolean(true), new BacklogProgress(positioned, firstVerdictAt)), "bench-reader");
        reader.start();
        positioned.await();
        Path state = java.nio.file.Files.createTempDirectory("tollgate-bench-state");
        long start = System.nanoTime();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(StreamingConfiguration.of(
                parallelism.value, checkpoints.interval, state.toString(), backend.value, null));
        StreamingJob.build(env, cfg, StreamingJob.Options.defaults(kafka.client(), kafka.topics()), s -> s);
        JobClient job = env.executeAsync("tollgate bench backlog (" + kafka.prefix + ")");
        try {
            reader.join();
        } finally {
            job.cancel().get();
            Directories.deleteRecursively(state);
        }
        if (verdicts.get() == 0) {
            spec.commandLine().getErr().println("tollgate bench stream: no verdict within " + FIRST_VERDICT_WAIT);
            return 1;
        }
        double seconds = (lastVerdictAt.get() - start) / 1e9;
        out.printf("backlog of %d records: job submitted, first verdict after %.1f s, last after %.1f s; %d verdict "
                        + "versions read_committed: %.0f records/s sustained, job start included "
                        + "(checkpoint every %s, %s state)%n",
                sent, (firstVerdictAt.get() - start) / 1e9, seconds, verdicts.get(), sent / seconds,
                checkpoints.interval.toMillis() + " ms", backend.value.name().toLowerCase(java.util.Locale.ROOT));
        out.flush();
        return 0;
    }

    private static final Duration FIRST_VERDICT_WAIT = Duration.ofMinutes(5);

    /** For a backlog run: says when the reader is positioned, notes the first verdict, and waits for it. */
    private record BacklogProgress(java.util.concurrent.CountDownLatch positioned, AtomicLong firstVerdictAt) {
    }

    /** Sends one unattributed order and waits for its verdict: the job is then running and committing. */
    private void warmUp(FixtureLoader loader, AtomicLong verdicts) throws InterruptedException {
        String id = "bench-warm-up-" + System.nanoTime();
        loader.load(List.of("{\"type\":\"order\",\"eventId\":\"" + id + "\",\"orderId\":\"" + id
                + "\",\"status\":\"paid\",\"ts\":\"2026-10-31T00:00:00Z\",\"program\":\"aliexpress-portals\","
                + "\"amount\":{\"value\":\"1.00\",\"currency\":\"USD\"}}"), 0, n -> { });
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (verdicts.get() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.sleep(50);
        }
        if (verdicts.get() == 0) {
            throw new IllegalStateException("no verdict from the job within 3 minutes: is `tollgate run` running?");
        }
        verdicts.set(0);
    }

    /**
     * Counts verdicts from the end of the verdict topic until the load is done and none came for {@code --idle};
     * with {@code backlog} set, the idle time counts only from the first verdict (at most
     * {@link #FIRST_VERDICT_WAIT} until then).
     */
    private void read(Map<String, Long> sentAt, List<Long> latencies, AtomicLong verdicts, AtomicLong lastVerdictAt,
                      AtomicBoolean loaded, BacklogProgress backlog) {
        Properties p = KafkaClients.properties(kafka.client());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            String topic = kafka.topics().verdicts();
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position);
            if (backlog != null) {
                backlog.positioned().countDown();
            }
            long lastNew = System.nanoTime();
            long wait = backlog == null ? idle.toNanos() : FIRST_VERDICT_WAIT.toNanos();
            while (!loaded.get() || System.nanoTime() - lastNew < wait) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    if (backlog != null && verdicts.get() == 0) {
                        backlog.firstVerdictAt().set(now);
                    }
                    wait = idle.toNanos();
                    lastNew = now;
                    lastVerdictAt.set(now);
                    verdicts.incrementAndGet();
                    var verdict = VerdictJson.read(r.value());
                    Long sent = verdict.version() == 1 ? sentAt.get(verdict.orderId()) : null;
                    if (sent != null) {
                        synchronized (latencies) {
                            latencies.add(now - sent);
                        }
                    }
                }
            }
        }
    }
}
