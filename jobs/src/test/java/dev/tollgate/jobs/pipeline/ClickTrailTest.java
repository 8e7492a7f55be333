package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.fraud.ClickTrailAnalyzer.Kind;
import dev.tollgate.detectors.fraud.TrailClick;
import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.testing.Cases;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClickTrailTest {
    private static final long T0 = 1_790_000_000_000L;
    private KeyedBroadcastOperatorTestHarness<String, SubjectClick, String, Envelope> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new ClickTrail(Cases.CONFIG),
                SubjectClick::subject, Types.STRING, LiveConfig.STATE);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(String id, long offset, String program) throws Exception {
        TrailClick c = new TrailClick(id, T0 + offset, program, "pub", null, 0);
        harness.processElement(new StreamRecord<>(new SubjectClick("ip:h", Kind.IP, c, 0L), c.ts()));
    }

    private List<ClickSignal> signals() {
        return harness.extractOutputValues().stream().map(Envelope::signal).toList();
    }

    @Test
    void aBurstRevealedByLaterClicksRevisesTheEarlierClicksAndNothingIsEmittedTwice() throws Exception {
        send("a", 0, "aliexpress-portals");
        send("b", 1_000, "alibaba-awin");
        assertThat(signals()).isEmpty();
        send("c", 2_000, "alibaba-cashback-us");
        assertThat(signals()).extracting(ClickSignal::clickId).containsExactlyInAnyOrder("a", "b", "c");
        send("c", 2_000, "alibaba-cashback-us");
        assertThat(signals()).hasSize(3);
    }

    /** A live change of the burst threshold applies to the clicks that arrive after it; invalid changes are ignored. */
    @Test
    void aLiveThresholdChangeAppliesFromTheNextClickOn() throws Exception {
        harness.processBroadcastElement("{\"version\":\"live-2\",\"settings\":"
                + "{\"detectors.cookieStuffing.burstMinPrograms\":\"4\"}}", 0L);
        harness.processBroadcastElement("{\"version\":\"live-3\",\"settings\":"
                + "{\"detectors.cookieStuffing.burstMinPrograms\":\"many\"}}", 0L);
        send("a", 0, "aliexpress-portals");
        send("b", 1_000, "alibaba-awin");
        send("c", 2_000, "alibaba-cashback-us");
        assertThat(signals()).as("three programs are no burst when four are needed").isEmpty();
        send("d", 3_000, "aliexpress-megabonus");
        assertThat(signals()).extracting(ClickSignal::clickId).containsExactlyInAnyOrder("a", "b", "c", "d");
    }

    @Test
    void aFullTrailKeepsItsNewestClicksAndIgnoresOlderArrivals() throws Exception {
        for (int i = 0; i < ClickTrail.MAX_CLICKS + 5; i++) {
            send("k" + i, 60_000L * (i + 1), "aliexpress-portals");
        }
        send("ancient", 0, "aliexpress-portals");
        assertThat(signals()).extracting(ClickSignal::clickId).doesNotContain("ancient");
    }

    @Test
    void forgetsClicksOnceTheirRetentionHasPassed() throws Exception {
        send("a", 0, "aliexpress-portals");
        send("b", 1_000, "alibaba-awin");
        assertThat(KeyedStateEntries.of(harness)).isGreaterThan(0);
        harness.watermark(T0 + 1_000 + Duration.ofDays(2).toMillis());
        assertThat(KeyedStateEntries.of(harness)).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
