package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.fraud.PublisherDelayProfile.Sample;
import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.testing.Cases;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the publisher delay profiles with explicit watermarks, and a live change of their thresholds. */
class PublisherDelaysTest {
    private static final long T0 = 1_790_000_000_000L;
    private static final long HOUR = 3_600_000L;
    private KeyedBroadcastOperatorTestHarness<String, DelaySample, String, OrderUpdate> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new PublisherDelays(Cases.CONFIG),
                DelaySample::program, Types.STRING, LiveConfig.STATE);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void sample(String publisher, int i, long delayMs) throws Exception {
        sample("aliexpress-portals", publisher, i, delayMs);
    }

    private void sample(String program, String publisher, int i, long delayMs) throws Exception {
        long clickTs = T0 + i * 60_000L;
        Sample s = new Sample(program + "-" + publisher + "-o" + i, publisher + "-c" + i, publisher, clickTs,
                delayMs);
        harness.processElement(new StreamRecord<>(new DelaySample(program, s), clickTs + delayMs));
    }

    /** The newest signal per order: flagged (a COOKIE_STUFFING finding) or cleared (no finding). */
    private Map<String, Boolean> flaggedByOrder() {
        return harness.extractOutputValues().stream().collect(Collectors.toMap(OrderUpdate::orderId,
                u -> !u.signals().get(0).findings().isEmpty(), (a, b) -> b));
    }

    /** 60 orders of honest publishers within minutes of their click, 20 of a stuffer days after it. */
    private void traffic() throws Exception {
        for (int i = 0; i < 60; i++) {
            sample(i % 2 == 0 ? "honest-a" : "honest-b", i, (5 + i % 20) * 60_000L);
        }
        for (int i = 0; i < 20; i++) {
            sample("stuffer", 100 + i, (48 + i) * HOUR);
        }
    }

    @Test
    void flagsThePublisherWhoseDelaysAreLongAndAbnormal() throws Exception {
        traffic();
        harness.watermark(T0 + 30 * 24 * HOUR);
        Map<String, Boolean> flagged = flaggedByOrder();
        assertThat(flagged).isNotEmpty().allSatisfy((order, on) -> {
            assertThat(order).startsWith("aliexpress-portals-stuffer-");
            assertThat(on).isTrue();
        });
        assertThat(harness.extractOutputValues()).extracting(u -> u.signals().get(0))
                .extracting(ClickSignal::findings).allSatisfy(f -> assertThat(f).singleElement()
                        .satisfies(t -> assertThat(t.code()).isEqualTo("COOKIE_STUFFING")));
    }

    /**
     * Raising the ratio a publisher's median delay must exceed (a live change) clears the flags at the next
     * evaluation; an invalid change is ignored and the thresholds in force stay.
     */
    @Test
    void aLiveThresholdChangeClearsFlagsAtTheNextEvaluation() throws Exception {
        traffic();
        harness.watermark(T0 + 30 * 24 * HOUR);
        List<String> flaggedBefore = flaggedByOrder().entrySet().stream().filter(Map.Entry::getValue)
                .map(Map.Entry::getKey).toList();
        assertThat(flaggedBefore).isNotEmpty();

        harness.processBroadcastElement("{\"version\":\"live-2\",\"settings\":"
                + "{\"detectors.cookieStuffing.delayMinRatio\":\"10000\"}}", 0L);
        harness.processBroadcastElement("{\"version\":\"live-3\",\"settings\":"
                + "{\"detectors.cookieStuffing.delayMinRatio\":\"high\"}}", 0L);
        sample("honest-a", 200, 10 * 60_000L);
        harness.watermark(T0 + 60 * 24 * HOUR);

        Map<String, Boolean> after = flaggedByOrder();
        assertThat(flaggedBefore).allSatisfy(order -> assertThat(after.get(order)).as(order).isFalse());
        assertThat(after.values()).containsOnly(false);
    }

    /**
     * A timer that finds neither new samples nor new thresholds skips its evaluation, but a threshold change counts
     * for every program: the second program's timer still re-evaluates after the first one's took the change in.
     */
    @Test
    void aThresholdChangeReachesEveryProgramEvenWithoutNewSamples() throws Exception {
        List<String> programs = List.of("aliexpress-portals", "aliexpress-megabonus");
        for (String program : programs) {
            for (int i = 0; i < 60; i++) {
                sample(program, i % 2 == 0 ? "honest-a" : "honest-b", i, (5 + i % 20) * 60_000L);
            }
            for (int i = 0; i < 20; i++) {
                sample(program, "stuffer", 100 + i, (48 + i) * HOUR);
            }
            // a late order whose hour comes after the change below: its timer is the only one left then
            sample(program, "honest-a", 60 * 24 * 40, 5 * 60_000L);
        }
        harness.watermark(T0 + 30 * 24 * HOUR);
        Map<String, Boolean> before = flaggedByOrder();
        for (String program : programs) {
            assertThat(before).as(program).hasKeySatisfying(new org.assertj.core.api.Condition<>(
                    o -> o.startsWith(program + "-stuffer-") && before.get(o), "a flagged stuffer order"));
        }
        harness.processBroadcastElement("{\"version\":\"live-2\",\"settings\":"
                + "{\"detectors.cookieStuffing.delayMinRatio\":\"10000\"}}", 0L);
        harness.watermark(T0 + 60 * 24 * HOUR);
        assertThat(flaggedByOrder().values()).containsOnly(false);
    }

    /**
     * The window bounds the state: ninety days of later traffic push the stuffer's samples out of the profile, and
     * out of the operator's state, but its orders keep their flags (no empty signal follows); a judgement of counted
     * samples is the only thing that withdraws one.
     */
    @Test
    void samplesLeaveWithTheWindowAndTheirFlagsStay() throws Exception {
        traffic();
        harness.watermark(T0 + 30 * 24 * HOUR);
        Map<String, Boolean> before = flaggedByOrder();
        assertThat(before).containsValue(true);
        assertThat(entries("delay-samples")).isEqualTo(80);
        int flags = entries("flagged");
        int outputs = harness.extractOutputValues().size();

        for (int i = 0; i < 60; i++) {
            sample(i % 2 == 0 ? "honest-a" : "honest-b", 200 * 24 * 60 + i, (5 + i % 20) * 60_000L);
        }
        harness.watermark(T0 + 240 * 24 * HOUR);
        assertThat(harness.extractOutputValues().subList(outputs, harness.extractOutputValues().size()))
                .as("nothing withdrawn: the stuffer's samples left, its orders were not judged again")
                .isEmpty();
        assertThat(flaggedByOrder()).isEqualTo(before);
        assertThat(entries("delay-samples")).as("the 80 old samples left, the 60 new ones are kept").isEqualTo(60);
        assertThat(flags).isPositive();
        assertThat(entries("flagged")).as("so did the flags of orders no longer judged").isZero();
    }

    /**
     * A replay (every sample in before the first timer fires, as BATCH runs) and a stream (day by day, watermarks
     * between) flag the same orders, though the stuffer's earliest orders leave the profile under the cap of newest
     * samples after they were flagged.
     */
    @Test
    void aReplayAndAStreamFlagTheSameOrders() throws Exception {
        List<long[]> traffic = new java.util.ArrayList<>();
        for (int i = 0; i < 900; i++) {
            traffic.add(new long[] {0, i * 3L, (5 + i % 20) * 60_000L});
        }
        for (int i = 0; i < 120; i++) {
            traffic.add(new long[] {1, i * 17L, (5 + i % 30) * 60_000L});
        }
        for (int i = 0; i < 450; i++) {
            traffic.add(new long[] {2, 200 + i * 7L, (30 + i % 60) * HOUR});
        }
        String[] publishers = {"big-honest", "small-honest", "stuffer"};
        traffic.sort(java.util.Comparator.comparingLong(t -> T0 + t[1] * 60_000L + t[2]));
        for (long[] t : traffic) {
            sample(publishers[(int) t[0]], (int) t[1], t[2]);
        }
        harness.watermark(Long.MAX_VALUE);
        Map<String, Boolean> replay = flaggedByOrder();

        var stream = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new PublisherDelays(Cases.CONFIG),
                DelaySample::program, Types.STRING, LiveConfig.STATE);
        try {
            for (long[] t : traffic) {
                long clickTs = T0 + t[1] * 60_000L;
                String p = publishers[(int) t[0]];
                Sample s = new Sample("aliexpress-portals-" + p + "-o" + t[1], p + "-c" + t[1], p, clickTs, t[2]);
                stream.processElement(new StreamRecord<>(new DelaySample("aliexpress-portals", s), clickTs + t[2]));
                stream.watermark(clickTs + t[2] - 1);
            }
            stream.watermark(Long.MAX_VALUE);
            Map<String, Boolean> streamed = stream.extractOutputValues().stream().collect(Collectors.toMap(
                    OrderUpdate::orderId, u -> !u.signals().get(0).findings().isEmpty(), (a, b) -> b));
            assertThat(replay).containsEntry("aliexpress-portals-stuffer-o200", true);
            assertThat(streamed).isEqualTo(replay);
        } finally {
            stream.close();
        }
    }

    /** Entries of one of the operator's map states for the program aliexpress-portals. */
    private int entries(String state) throws Exception {
        @SuppressWarnings("unchecked")
        var backend = (org.apache.flink.runtime.state.AbstractKeyedStateBackend<Object>)
                ((org.apache.flink.streaming.api.operators.AbstractStreamOperator<?>) harness.getTwoInputOperator())
                        .getKeyedStateBackend();
        backend.setCurrentKey("aliexpress-portals");
        var descriptor = state.equals("flagged")
                ? new org.apache.flink.api.common.state.MapStateDescriptor<>(state, Types.STRING, Types.STRING)
                : new org.apache.flink.api.common.state.MapStateDescriptor<>(state, Types.STRING,
                        org.apache.flink.api.common.typeinfo.TypeInformation.of(Sample.class));
        var map = backend.getPartitionedState(org.apache.flink.runtime.state.VoidNamespace.INSTANCE,
                org.apache.flink.runtime.state.VoidNamespaceSerializer.INSTANCE, descriptor);
        int n = 0;
        for (var ignored : map.keys()) {
            n++;
        }
        return n;
    }
}
