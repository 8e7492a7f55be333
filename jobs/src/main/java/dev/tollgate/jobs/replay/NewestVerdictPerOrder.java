package dev.tollgate.jobs.replay;

import dev.tollgate.detectors.verdict.Verdict;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** Keeps the newest verdict version of each order and emits it when the bounded input has ended. */
public final class NewestVerdictPerOrder extends KeyedProcessFunction<String, Verdict, Verdict> {
    public static final String UID = "newest-verdict-per-order";
    private transient ValueState<Verdict> newest;

    @Override
    public void open(OpenContext openContext) {
        newest = getRuntimeContext().getState(new ValueStateDescriptor<>("newest", Verdict.class));
    }

    @Override
    public void processElement(Verdict v, Context ctx, Collector<Verdict> out) throws Exception {
        Verdict current = newest.value();
        if (current == null) {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        if (current == null || v.version() > current.version()) {
            newest.update(v);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Verdict> out) throws Exception {
        out.collect(newest.value());
        newest.clear();
    }
}
