package dev.tollgate.tools.replay;

import dev.tollgate.detectors.parse.FutureTimestamps;
import dev.tollgate.detectors.policy.ConfigLoader;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.verdict.Verdict;
import dev.tollgate.jobs.kafka.StreamingConfiguration;
import dev.tollgate.jobs.pipeline.RawRecord;
import dev.tollgate.jobs.pipeline.TollgatePipeline;
import dev.tollgate.tools.kafka.KafkaTests;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A savepoint of one topology restored into the next, as an upgrade does: the Tollgate pipeline plus a keyed tally
 * whose state class has a field more in the second version (the two versions of the class compiled here, the same
 * name, each on its job's classpath), and an operator the first version did not have. The first job is stopped with
 * a savepoint halfway through the scenarios; the second restores it and reads the rest. Every keyed state comes
 * through: the pipeline's (orders joining clicks the first job saw: the final verdicts equal an uninterrupted run's,
 * each order's versions 1..n once) and the tally's (its counts go on from the savepoint's, migrated by Flink's POJO
 * serializer to the class with the new field); the added operator starts empty.
 */
@Timeout(300)
class SavepointUpgradeITCase {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    @TempDir
    static Path dir;
    private static TollgateConfig config;
    private static ArrayList<String> lines;
    private static long horizon;
    private static Path tallyV1;
    private static Path tallyV2;

    /** What the sinks and the tallies saw, per run: the jobs run in this JVM. */
    static final Map<String, Queue<Verdict>> OUT = new ConcurrentHashMap<>();
    static final Map<String, Long> TALLY = new ConcurrentHashMap<>();
    static final Map<String, Integer> ADDED = new ConcurrentHashMap<>();

    @BeforeAll
    static void prepare() throws Exception {
        config = new ConfigLoader().loadBundled();
        TimedScenarios scenarios = TimedScenarios.load(config);
        lines = new ArrayList<>(scenarios.lines());
        horizon = scenarios.horizon();
        tallyV1 = compile("v1", "public long count;");
        tallyV2 = compile("v2", "public long count; public String lastOrder;");
    }

    /** The state class {@code upgrade.Tally} with these fields, compiled into its own directory. */
    private static Path compile(String version, String fields) throws Exception {
        Path out = dir.resolve(version);
        Path src = dir.resolve("src-" + version).resolve("upgrade").resolve("Tally.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package upgrade;\npublic class Tally {\n    " + fields + "\n    public Tally() {\n"
                + "    }\n}\n");
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", out.toString(), src.toString())).isZero();
        return out;
    }

    /**
     * The job of one version: the pipeline over the scenarios (at {@code perSecond}, 0 for no limit), the tally keyed
     * by program, and in version 2 the added operator.
     */
    private static JobClient start(String run, int version, double perSecond, String restoreFrom) throws Exception {
        Configuration conf = StreamingConfiguration.of(2, Duration.ofMillis(500), null, restoreFrom);
        conf.set(PipelineOptions.CLASSPATHS, List.of((version == 1 ? tallyV1 : tallyV2).toUri().toURL().toString()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        env.setParallelism(2);
        ArrayList<String> input = lines;
        DataGeneratorSource<RawRecord> source = new DataGeneratorSource<>(
                i -> new RawRecord("upgrade", input.get(i.intValue()), null), input.size(),
                perSecond > 0 ? RateLimiterStrategy.perSecond(perSecond) : RateLimiterStrategy.noOp(),
                TypeInformation.of(RawRecord.class));
        DataStream<RawRecord> raw = env.fromSource(source, WatermarkStrategy.noWatermarks(), "scenarios")
                .uid("scenarios").setParallelism(1);
        TollgatePipeline.Streams out = TollgatePipeline.build(raw, config, horizon, CLOCK,
                TollgatePipeline.EventTime.FROM_PAYLOAD, FutureTimestamps.none());
        DataStream<Verdict> tallied = out.verdicts().keyBy(Verdict::program)
                .process(new Tally(version == 2)).uid("verdict-tally").name("tally by program");
        if (version == 2) {
            tallied = tallied.keyBy(Verdict::orderId).process(new FirstVersion()).uid("added-first-version")
                    .name("first version per order (added in version 2)");
        }
        OUT.put(run, new ConcurrentLinkedQueue<>());
        tallied.sinkTo(new Collect(run)).uid("collect").name("collect");
        return env.executeAsync("upgrade " + run);
    }

    @Test
    void aSavepointOfThePreviousTopologyRestoresIntoOneWithAnAddedOperatorAndStateField() throws Exception {
        JobClient reference = start("reference", 1, 0, null);
        reference.getJobExecutionResult().get();
        Map<String, String> expected = KafkaTests.outcomes(KafkaTests.newestPerOrder(List.copyOf(OUT.get("reference"))));
        Map<String, Long> referenceTally = Map.copyOf(TALLY);
        TALLY.clear();

        JobClient first = start("v1", 1, 40, null);
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> OUT.get("v1").size() >= 40);
        String savepoint = first.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get();
        List<Verdict> before = List.copyOf(OUT.get("v1"));
        assertThat(before.size()).as("stopped halfway").isLessThan(expected.size());

        JobClient second = start("v2", 2, 0, savepoint);
        second.getJobExecutionResult().get();
        List<Verdict> all = new ArrayList<>(before);
        all.addAll(OUT.get("v2"));

        assertThat(KafkaTests.outcomes(KafkaTests.newestPerOrder(all))).isEqualTo(expected);
        KafkaTests.assertEveryVersionOnce(all);
        Map<String, Long> perProgram = new java.util.TreeMap<>();
        all.forEach(v -> perProgram.merge(v.program(), 1L, Long::sum));
        assertThat(new java.util.TreeMap<>(TALLY)).as("the tally counted on from the savepoint's counts, in the class "
                + "with the new field").isEqualTo(perProgram);
        assertThat(referenceTally.keySet()).isEqualTo(perProgram.keySet());
        Map<String, Integer> firstInV1 = new java.util.HashMap<>();
        before.forEach(v -> firstInV1.putIfAbsent(v.orderId(), v.version()));
        assertThat(ADDED).as("the added operator started empty: the first version it saw of an order the first job "
                + "had decided is a later one, numbered on from the restored changelog").isNotEmpty()
                .anySatisfy((order, version) -> assertThat(firstInV1).containsKey(order))
                .allSatisfy((order, version) -> assertThat(version).isGreaterThan(
                        firstInV1.getOrDefault(order, 0)));
    }

    /** Counts verdicts per program in {@code upgrade.Tally}, the class of the job's classpath, by reflection. */
    static final class Tally extends KeyedProcessFunction<String, Verdict, Verdict> {
        private final boolean v2;
        private transient ValueState<Object> state;
        private transient Class<?> type;
        private transient Field count;
        private transient Field lastOrder;

        Tally(boolean v2) {
            this.v2 = v2;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void open(OpenContext context) throws Exception {
            type = getRuntimeContext().getUserCodeClassLoader().loadClass("upgrade.Tally");
            count = type.getField("count");
            lastOrder = v2 ? type.getField("lastOrder") : null;
            state = getRuntimeContext().getState(new ValueStateDescriptor<>("tally",
                    (TypeInformation<Object>) TypeInformation.of(type)));
        }

        @Override
        public void processElement(Verdict v, Context ctx, Collector<Verdict> out) throws Exception {
            Object t = state.value();
            if (t == null) {
                t = type.getConstructor().newInstance();
            }
            count.setLong(t, count.getLong(t) + 1);
            if (lastOrder != null) {
                lastOrder.set(t, v.orderId());
            }
            state.update(t);
            TALLY.put(ctx.getCurrentKey(), count.getLong(t));
            out.collect(v);
        }
    }

    /** The operator version 2 adds: remembers the first version it saw of each order. */
    static final class FirstVersion extends KeyedProcessFunction<String, Verdict, Verdict> {
        private transient ValueState<Integer> first;

        @Override
        public void open(OpenContext context) {
            first = getRuntimeContext().getState(new ValueStateDescriptor<>("first-version", Types.INT));
        }

        @Override
        public void processElement(Verdict v, Context ctx, Collector<Verdict> out) throws Exception {
            if (first.value() == null) {
                first.update(v.version());
                ADDED.put(v.orderId(), v.version());
            }
            out.collect(v);
        }
    }

    /** Keeps what reaches it in {@link #OUT}. */
    static final class Collect implements Sink<Verdict> {
        private final String run;

        Collect(String run) {
            this.run = run;
        }

        @Override
        public SinkWriter<Verdict> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(Verdict v, Context ctx) {
                    OUT.get(run).add(v);
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
