package dev.tollgate.jobs.kafka;

import dev.tollgate.detectors.parse.InputType;
import dev.tollgate.jobs.pipeline.RawRecord;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;

import java.time.Duration;

/**
 * Bounded out-of-orderness watermarks of one Kafka partition, which stop holding back event time once the partition
 * has been silent for its topic's idleness: {@code time.sourceIdleness} for the decision and control topics, which are
 * quiet by nature, and the longer {@code time.eventSourceIdleness} for the event topics (and for a partition that has
 * shown no record yet). An event partition that falls silent has usually been held up rather than run dry: a broker
 * restarting, a job recovering from a checkpoint whose readers start at different moments. Declared idle, it would
 * let the other partitions carry event time past its records, which would then arrive late and be audited instead of
 * applied; waiting longer only delays event time. Silence is measured on the source's input-activity clock, which
 * stands still while the source is back-pressured (as Flink's own idleness does).
 */
final class PartitionIdleness implements WatermarkGenerator<RawRecord> {
    private final BoundedOutOfOrdernessWatermarks<RawRecord> watermarks;
    private final RelativeClock clock;
    private final long quietTopicNanos;
    private long timeoutNanos;
    private long lastActivity;

    PartitionIdleness(Duration outOfOrderness, Duration quietTopicIdleness, Duration eventTopicIdleness,
                      RelativeClock clock) {
        this.watermarks = new BoundedOutOfOrdernessWatermarks<>(outOfOrderness);
        this.clock = clock;
        this.quietTopicNanos = quietTopicIdleness.toNanos();
        this.timeoutNanos = eventTopicIdleness.toNanos();
        this.lastActivity = clock.relativeTimeNanos();
    }

    @Override
    public void onEvent(RawRecord r, long timestamp, WatermarkOutput output) {
        if (r.typeHint() == InputType.DECISION || r.typeHint() == InputType.CONTROL) {
            timeoutNanos = quietTopicNanos;
        }
        lastActivity = clock.relativeTimeNanos();
        watermarks.onEvent(r, timestamp, output);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (clock.relativeTimeNanos() - lastActivity > timeoutNanos) {
            output.markIdle();
        } else {
            watermarks.onPeriodicEmit(output);
        }
    }
}
