package dev.tollgate.tools.replay;

import dev.tollgate.detectors.parse.FutureTimestamps;
import dev.tollgate.detectors.policy.ConfigLoader;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.verdict.Verdict;
import dev.tollgate.detectors.verdict.VerdictJson;
import dev.tollgate.jobs.pipeline.JobDefaults;
import dev.tollgate.jobs.pipeline.RawRecord;
import dev.tollgate.jobs.pipeline.TollgatePipeline;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deterministic history, held as a property over random arrival orders: the scenarios' records streamed (STREAMING,
 * event time from the payloads) in event-time order, and in orders shuffled within the out-of-orderness bound with
 * records redelivered at random later points, end in the same final verdict for every order; and in every run each
 * order's versions keep what README promises (versions 1..n in order, each differing in outcome or finality from the
 * one before, at most one final version and it is the last). Each try names its seed.
 */
@Timeout(300)
class ArrivalOrderITCase {
    private static final int PARALLELISM = 2;
    private static final int TRIES = 16;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(PARALLELISM).build());

    private static TollgateConfig config;
    /** The scenarios' records with the newest event time of each (what a producer stamps), in event-time order. */
    private static List<Map.Entry<Long, String>> timed;
    private static long horizon;

    @BeforeAll
    static void load() throws Exception {
        config = new ConfigLoader().loadBundled();
        TimedScenarios scenarios = TimedScenarios.load(config);
        timed = scenarios.timed();
        horizon = scenarios.horizon();
    }

    /** Every verdict version the stream emits for the records in this arrival order. */
    private static List<Verdict> stream(List<String> lines) throws Exception {
        Configuration conf = JobDefaults.configuration(RuntimeExecutionMode.STREAMING, PARALLELISM);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        env.setParallelism(PARALLELISM);
        List<RawRecord> records = lines.stream().map(l -> new RawRecord("arrival", l, null)).toList();
        DataStream<RawRecord> raw = env.fromData(records).uid("arrivals").setParallelism(1);
        TollgatePipeline.Streams out = TollgatePipeline.build(raw, config, horizon, CLOCK,
                TollgatePipeline.EventTime.FROM_PAYLOAD, FutureTimestamps.none());
        List<Verdict> all = new ArrayList<>();
        try (CloseableIterator<Verdict> it = out.verdicts().executeAndCollect("arrival order")) {
            it.forEachRemaining(all::add);
        }
        return all;
    }

    /** Per order, its versions in the order emitted. */
    private static Map<String, List<Verdict>> byOrder(List<Verdict> all) {
        Map<String, List<Verdict>> out = new TreeMap<>();
        all.forEach(v -> out.computeIfAbsent(v.orderId(), k -> new ArrayList<>()).add(v));
        return out;
    }

    /** The final verdict of each order, without what may differ between runs (version number, wall-clock time). */
    private static Map<String, String> finals(Map<String, List<Verdict>> versions) {
        Map<String, String> out = new TreeMap<>();
        versions.forEach((order, list) -> out.put(order, VerdictJson.write(list.get(list.size() - 1))
                .replaceAll("\"version\":\\d+,", "").replaceAll("\"decidedAt\":\"[^\"]+\",", "")));
        return out;
    }

    /** README, "Verdict versions": what holds for every order in every run. */
    private static void assertVersionPromises(String seed, Map<String, List<Verdict>> versions) {
        versions.forEach((order, list) -> {
            for (int i = 0; i < list.size(); i++) {
                Verdict v = list.get(i);
                assertThat(v.version()).as("%s %s: versions 1..n in order", seed, order).isEqualTo(i + 1);
                if (i < list.size() - 1) {
                    assertThat(v.fin()).as("%s %s: only the last version may be final", seed, order).isFalse();
                }
                if (i > 0) {
                    Verdict before = list.get(i - 1);
                    assertThat(v.sameOutcome(before)).as("%s %s: version %d repeats version %d", seed, order, i + 1,
                            i).isFalse();
                }
            }
        });
    }

    @Test
    void anyArrivalOrderWithinTheBoundAndAnyRedeliveriesEndInTheSameFinalVerdicts() throws Exception {
        Map<String, List<Verdict>> inOrder = byOrder(stream(timed.stream().map(Map.Entry::getValue).toList()));
        assertVersionPromises("in event-time order", inOrder);
        Map<String, String> expected = finals(inOrder);
        assertThat(expected).hasSizeGreaterThan(50);

        long bound = config.settings().time().outOfOrderness().toMillis();
        for (long seed = 1; seed <= TRIES; seed++) {
            Random r = new Random(seed);
            // each record moves by less than the bound: none is later than the watermark when it arrives
            List<Map.Entry<Long, String>> shuffled = new ArrayList<>();
            for (Map.Entry<Long, String> e : timed) {
                shuffled.add(Map.entry(e.getKey() + (long) (r.nextDouble() * (bound - 2_000)), e.getValue()));
            }
            shuffled.sort(Comparator.comparingLong(Map.Entry::getKey));
            List<String> arrivals = new ArrayList<>(shuffled.stream().map(Map.Entry::getValue).toList());
            // redeliveries: a tenth of the records again, anywhere after their first delivery (later than the bound
            // too, when they are late events of the audit, not evidence)
            for (int i = 0; i < timed.size() / 10; i++) {
                int original = r.nextInt(arrivals.size());
                arrivals.add(original + 1 + r.nextInt(arrivals.size() - original), arrivals.get(original));
            }
            assertThat(arrivals.subList(0, timed.size())).as("seed %d reorders", seed)
                    .isNotEqualTo(timed.stream().map(Map.Entry::getValue).toList());
            Map<String, List<Verdict>> run = byOrder(stream(arrivals));
            assertVersionPromises("seed " + seed, run);
            assertThat(finals(run)).as("seed %d", seed).isEqualTo(expected);
        }
    }
}
