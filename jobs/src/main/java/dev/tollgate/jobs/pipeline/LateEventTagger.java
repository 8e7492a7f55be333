package dev.tollgate.jobs.pipeline;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes every event on, and records those that arrive behind the watermark on {@link Outputs#LATE_EVENTS}: late
 * events are still applied (verdicts are a changelog), but they are counted and audited, never only logged. Steps a
 * native snapshot restates are not late arrivals and are not counted. Control changes leave here on
 * {@link Outputs#CONTROL}: downstream of the watermarks, so the operators they are broadcast to see event time advance.
 */
public final class LateEventTagger extends ProcessFunction<Envelope, Envelope> {
    private transient Counter late;

    @Override
    public void open(OpenContext openContext) {
        late = getRuntimeContext().getMetricGroup().addGroup(MetricNames.GROUP).counter(MetricNames.LATE_EVENTS);
    }

    @Override
    public void processElement(Envelope e, Context ctx, Collector<Envelope> out) {
        if (e.control() != null) {
            ctx.output(Outputs.CONTROL, e.control());
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        if (e.ts() < watermark && !e.restated()) {
            late.inc();
            ctx.output(Outputs.LATE_EVENTS, new LateEvent(e.kind(), e.event().eventId(), e.clickKey(), e.ts(),
                    watermark, LateEvent.BEHIND_WATERMARK));
        }
        out.collect(e);
    }
}
