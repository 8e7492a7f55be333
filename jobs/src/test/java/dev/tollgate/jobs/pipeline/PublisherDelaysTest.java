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
}
