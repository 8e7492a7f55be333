package dev.tollgate.jobs.pipeline;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

import java.time.Duration;

/**
 * Watermarks from the events' own timestamps, bounded out-of-orderness, emitted as the events arrive rather than on a
 * wall-clock period: a replay then moves event time at the same points of its input on every run and every machine
 * (with Flink's periodic emission a small file is read before the first period ends and event time jumps only at the
 * end). To keep the cost down a watermark is sent once event time has advanced by at least {@code step}. Nothing is
 * sent on the period, which would make the points depend on the machine's speed; the end of the input brings the final
 * watermark.
 */
public final class PayloadWatermarks implements WatermarkGenerator<Envelope> {
    private final long outOfOrdernessMs;
    private final long stepMs;
    private long maxTimestamp = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    public PayloadWatermarks(Duration outOfOrderness, Duration step) {
        this.outOfOrdernessMs = outOfOrderness.toMillis();
        this.stepMs = Math.max(1, step.toMillis());
    }

    @Override
    public void onEvent(Envelope event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp == Long.MIN_VALUE) {
            return; // a control change has no event time
        }
        maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
        long candidate = maxTimestamp - outOfOrdernessMs - 1;
        if (emitted == Long.MIN_VALUE || candidate - emitted >= stepMs) {
            emit(candidate, output);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // deliberately nothing: see the class comment
    }

    private void emit(long watermark, WatermarkOutput output) {
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
