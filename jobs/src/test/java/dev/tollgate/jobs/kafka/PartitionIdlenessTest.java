package dev.tollgate.jobs.kafka;

import dev.tollgate.detectors.parse.InputType;
import dev.tollgate.jobs.pipeline.RawRecord;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionIdlenessTest {
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final Duration EVENTS = Duration.ofMinutes(1);

    /** What the generator last told the source: a watermark, or idle. */
    private static final class Output implements WatermarkOutput {
        long watermark = Long.MIN_VALUE;
        boolean idle;

        @Override
        public void emitWatermark(Watermark w) {
            watermark = w.getTimestamp();
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }
    }

    private static RawRecord record(InputType type) {
        return new RawRecord("t/0@1", "{}", type);
    }

    @Test
    void anEventPartitionHeldUpLongerThanTheQuietIdlenessStillHoldsEventTimeBack() {
        ManualClock clock = new ManualClock();
        Output out = new Output();
        PartitionIdleness g = new PartitionIdleness(Duration.ofMinutes(5), QUIET, EVENTS, clock);
        g.onEvent(record(InputType.CLICK), 1_000_000_000L, out);
        clock.advanceTime(Duration.ofSeconds(30));
        g.onPeriodicEmit(out);
        assertThat(out.idle).as("30 s of silence on an event topic: a broker restart, not the end").isFalse();
        assertThat(out.watermark).isEqualTo(1_000_000_000L - Duration.ofMinutes(5).toMillis() - 1);
        clock.advanceTime(Duration.ofSeconds(31));
        g.onPeriodicEmit(out);
        assertThat(out.idle).isTrue();
        g.onEvent(record(InputType.ORDER), 1_000_060_000L, out);
        g.onPeriodicEmit(out);
        assertThat(out.idle).as("a record makes it active again").isFalse();
    }

    @Test
    void aQuietTopicIdlesAfterItsShortIdlenessAndAnEmptyPartitionAfterTheLongOne() {
        ManualClock clock = new ManualClock();
        Output decisions = new Output();
        PartitionIdleness quiet = new PartitionIdleness(Duration.ofMinutes(5), QUIET, EVENTS, clock);
        Output empty = new Output();
        PartitionIdleness none = new PartitionIdleness(Duration.ofMinutes(5), QUIET, EVENTS, clock);
        quiet.onEvent(record(InputType.DECISION), 1_000_000_000L, decisions);
        clock.advanceTime(Duration.ofSeconds(6));
        quiet.onPeriodicEmit(decisions);
        none.onPeriodicEmit(empty);
        assertThat(decisions.idle).isTrue();
        assertThat(empty.idle).as("no record yet: it may be a recovering partition").isFalse();
        clock.advanceTime(Duration.ofMinutes(1));
        none.onPeriodicEmit(empty);
        assertThat(empty.idle).isTrue();
    }
}
