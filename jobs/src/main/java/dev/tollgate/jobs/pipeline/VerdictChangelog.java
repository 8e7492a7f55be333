package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.lifecycle.OrderState;
import dev.tollgate.detectors.model.AnalystDecision;
import dev.tollgate.detectors.policy.Settings;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.rules.VerdictEngine;
import dev.tollgate.detectors.parse.DeadLetter;
import dev.tollgate.detectors.parse.DecisionJson;
import dev.tollgate.detectors.verdict.Assessment;
import dev.tollgate.detectors.verdict.Verdict;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Clock;

/**
 * Keeps each order's evidence, keyed by {@code orderId}, and emits its verdict as a changelog: a new version only when
 * the outcome changes, never a re-emission. The verdict is a pure function of the evidence (see {@link VerdictEngine}),
 * so the order in which evidence arrives never changes where it ends.
 *
 * <p>Time, all in event time: an order that names a click not seen yet is held (no verdict) until the click arrives or
 * the click grace passes; deadlines the rules report (windows and limits closing) are timers that move the order's
 * horizon; once the order is closed (terminal, or excluded for good by a deadline) and the finality delay has passed,
 * the verdict is emitted {@code final}, the state is cleared, and a small tombstone keeps stray events from reopening
 * it. An order that never closes is finalised {@code maxOrderAge} after its newest event. When the input ends (a bounded
 * replay: the watermark jumps to its maximum), every order gets its verdict, final where it is closed.
 */
public final class VerdictChangelog extends KeyedBroadcastProcessFunction<String, OrderUpdate, String, Verdict>
        implements CheckpointedFunction {
    public static final String UID = "verdict-changelog";
    /** The configuration in force: the base, or the base with the live control change applied. */
    private final LiveConfig live;
    private final long inputHorizon;
    private final Clock clock;
    /** Whether timers due before an event fire when it arrives (BATCH execution; see {@link #catchUpTimers}). */
    private final boolean catchUpTimers;
    /** Ingestion time of the input being processed (0 inside timers), for the latency histogram. */
    private transient long emittingFor;
    private transient VerdictEngine engine;
    /** The open order's evidence and bookkeeping (see {@link OrderState}). */
    private transient ValueState<OrderState> order;
    /**
     * The final verdict, kept {@code finalTombstone} after everything else is cleared ({@code reviewHold} when it
     * waits for an analyst or an analyst decided it).
     */
    private transient ValueState<Verdict> tombstone;
    /** The current key's state while one element or timer is processed; written back by {@link #save}. */
    private transient OrderState st;
    private transient Counter afterFinal;
    private transient Counter duplicates;
    private transient VerdictMetrics metrics;
    /**
     * Orders this subtask holds state for, kept in operator state so that the sum over subtasks stays right across
     * restarts and rescaling (a subtask's own count may then drift, the total does not).
     */
    private transient long openOrders;
    private transient ListState<Long> openOrdersState;
    /** Whether the current key had state when it was loaded. */
    private transient boolean wasOpen;

    /**
     * @param inputHorizon for a bounded replay, the event time the input reaches less the out-of-orderness bound (what
     *     the watermark reaches before the input ends); {@link Long#MIN_VALUE} when unbounded or unknown
     * @param clock wall clock for {@code decidedAt} only
     */
    public VerdictChangelog(TollgateConfig config, long inputHorizon, Clock clock) {
        this(config, inputHorizon, clock, false);
    }

    /** @param batch whether the job runs in BATCH execution mode (timers catch up on events, as in a stream) */
    public VerdictChangelog(TollgateConfig config, long inputHorizon, Clock clock, boolean batch) {
        this.live = new LiveConfig(config);
        this.inputHorizon = inputHorizon;
        this.clock = clock;
        this.catchUpTimers = batch;
    }

    @Override
    public void open(OpenContext openContext) {
        engine = new VerdictEngine(live.config());
        var rc = getRuntimeContext();
        order = rc.getState(new ValueStateDescriptor<>("order", OrderState.class));
        tombstone = rc.getState(new ValueStateDescriptor<>("final-verdict", Verdict.class));
        var group = rc.getMetricGroup().addGroup(MetricNames.GROUP);
        afterFinal = group.counter(MetricNames.EVENTS_AFTER_FINAL);
        duplicates = group.counter(MetricNames.DUPLICATE_EVENTS);
        metrics = new VerdictMetrics(group, live.config().programIds());
        group.gauge(MetricNames.OPEN_ORDERS, (Gauge<Long>) () -> openOrders);
    }

    @Override
    public void processElement(OrderUpdate u, ReadOnlyContext ctx, Collector<Verdict> out) throws Exception {
        useControl(ctx.getBroadcastState(LiveConfig.STATE));
        load();
        try {
            process(u, ctx, out);
        } finally {
            save();
        }
    }

    private void load() throws Exception {
        OrderState stored = order.value();
        wasOpen = stored != null;
        st = stored == null ? new OrderState() : stored;
    }

    private void save() throws Exception {
        if (st.isEmpty()) {
            order.clear();
            openOrders -= wasOpen ? 1 : 0;
        } else {
            order.update(st);
            openOrders += wasOpen ? 0 : 1;
        }
        st = null;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        openOrdersState.update(java.util.List.of(openOrders));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        openOrdersState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("open-orders", Long.class));
        openOrders = 0;
        for (Long n : openOrdersState.get()) {
            openOrders += n;
        }
    }

    private void process(OrderUpdate u, ReadOnlyContext ctx, Collector<Verdict> out) throws Exception {
        emittingFor = u.ingestedAt();
        if (catchUpTimers && (u.order() != null || u.decision() != null)) {
            catchUpTimers(u.order() != null ? u.order().ts() : u.decision().ts(), ctx, out);
        }
        if (u.decision() != null) {
            onDecision(u.decision(), ctx, out);
            return;
        }
        if (tombstone.value() != null) {
            if (u.order() != null) {
                afterFinal.inc();
                ctx.output(Outputs.LATE_EVENTS, new LateEvent("order", u.order().eventId(), u.orderId(),
                        u.order().ts(), ctx.timerService().currentWatermark(), LateEvent.AFTER_FINAL));
            }
            return;
        }
        boolean changed = merge(u);
        if (st.events.isEmpty()) {
            // a click, session or signal for an order with no event here: its first event is still on its way, or
            // the order was forgotten after its tombstone; it is kept maxOrderAge (an order's longest life) for the
            // order, then dropped: a publisher flag can reach an order before the order's own events do
            if (!st.isEmpty() && st.timers.isEmpty()) {
                Long at = ctx.timestamp();
                long base = at != null ? at : Math.max(0L, ctx.timerService().currentWatermark());
                register(ctx, base + time().maxOrderAge().toMillis());
            }
            return;
        }
        if (!changed) {
            return;
        }
        Assessment a = engine.assess(st.toCase(false));
        if (st.pendingDecision != null) {
            decide(a, st.pendingDecision, ctx, out);
            return;
        }
        schedule(a, ctx);
        if (!a.awaitingClick()) {
            emitIfChanged(a, false, out);
        }
    }

    /**
     * A live change of thresholds and modes: validated against the base configuration, kept in broadcast state and
     * used from the next event on (verdicts already emitted are not revisited until their order's next event). An
     * invalid change goes to the dead letters (once, from the first subtask) and the previous settings stay.
     */
    @Override
    public void processBroadcastElement(String json, Context ctx, Collector<Verdict> out) throws Exception {
        String problem = live.accept(json, ctx.getBroadcastState(LiveConfig.STATE));
        // every parallel instance of every operator sees the change; one reports it, once
        if (problem != null && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            ctx.output(Outputs.DEAD_LETTERS, new DeadLetter("control", json, DeadLetter.ErrorKind.INVALID_CONTROL,
                    problem));
        }
    }

    private void useControl(ReadOnlyBroadcastState<String, String> state) throws Exception {
        if (live.refresh(state)) {
            engine = new VerdictEngine(live.config());
            metrics.controlVersion(live.version());
        }
    }

    /**
     * An analyst's ruling overrides the detectors and makes the verdict final. For an order already final it becomes
     * a new version; for an order not seen yet it waits {@code decisionWait}, then goes to the dead letters.
     */
    private void onDecision(AnalystDecision d, ReadOnlyContext ctx, Collector<Verdict> out) throws Exception {
        Verdict done = tombstone.value();
        if (done != null) {
            Verdict next = OrderState.overrule(done, d, done.version() + 1, clock.millis());
            if (!next.sameOutcome(done)) {
                tombstone.update(next);
                metrics.emitted(next, emittingFor, clock.millis());
                out.collect(next);
            }
            return;
        }
        if (st.events.isEmpty()) {
            st.pendingDecision = d;
            register(ctx, d.ts() + time().decisionWait().toMillis());
            return;
        }
        decide(engine.assess(st.toCase(false)), d, ctx, out);
    }

    private void decide(Assessment a, AnalystDecision d, ReadOnlyContext ctx, Collector<Verdict> out) throws Exception {
        int version = st.last == null ? 1 : st.last.version() + 1;
        Verdict next = OrderState.overrule(a.toVerdict(true, version, clock.millis()), d, version, clock.millis());
        metrics.emitted(next, emittingFor, clock.millis());
        out.collect(next);
        clearAll(ctx);
        tombstone.update(next);
        register(ctx, Math.max(d.ts(), next.eventTime()) + time().reviewHold().toMillis());
    }

    /** Adds the update's evidence; false when it brought nothing new (a redelivered event). */
    private boolean merge(OrderUpdate u) {
        if (u.order() != null && st.has(u.order())) {
            duplicates.inc();
        }
        return st.merge(u.order(), u.click(), u.sessions(), u.signals(), u.shares());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Verdict> out) throws Exception {
        useControl(ctx.getBroadcastState(LiveConfig.STATE));
        load();
        try {
            st.timers.remove(Long.valueOf(timestamp));
            emittingFor = 0L;
            fire(timestamp, ctx, out);
        } finally {
            save();
        }
    }

    /**
     * BATCH execution fires timers only after a key's last input, where a stream fires them as the watermark passes.
     * So that a replay in BATCH mode reaches the verdicts a stream of the same traffic reaches, the timers a
     * time-ordered stream would have fired before an order event or decision at {@code ts} (those at or before
     * {@code ts} less the out-of-orderness bound) fire first: a deadline that passed excludes the order, an order
     * final by then audits the event as after-final instead of applying it.
     */
    private void catchUpTimers(long ts, ReadOnlyContext ctx, Collector<Verdict> out) throws Exception {
        long due = ts - time().outOfOrderness().toMillis() - 1;
        long emitting = emittingFor;
        emittingFor = 0L;
        Long next;
        while ((next = st.pollTimerDue(due)) != null) {
            ctx.timerService().deleteEventTimeTimer(next);
            fire(next, ctx, out);
        }
        emittingFor = emitting;
    }

    private void fire(long timestamp, ReadOnlyContext ctx, Collector<Verdict> out) throws Exception {
        if (tombstone.value() != null) {
            clearAll(ctx);
            return;
        }
        AnalystDecision waiting = st.pendingDecision;
        if (st.events.isEmpty()) {
            if (waiting != null) {
                ctx.output(Outputs.DEAD_LETTERS, new DeadLetter("decisions", DecisionJson.write(waiting),
                        DeadLetter.ErrorKind.UNKNOWN_ORDER, "no order '" + waiting.orderId() + "' seen within "
                        + time().decisionWait() + " of the decision"));
            }
            clearAll(ctx);
            return;
        }
        boolean exhausted = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        st.horizon = Math.max(st.horizon(), exhausted ? inputHorizon : timestamp);
        Assessment a = engine.assess(st.toCase(exhausted));
        Settings.Time time = time();
        if (st.isFinal(a, timestamp, exhausted, time)) {
            emitIfChanged(a, true, out);
            Verdict done = st.last;
            clearAll(ctx);
            if (!exhausted) {
                tombstone.update(done);
                register(ctx, timestamp + (awaitsAnalyst(done) ? time.reviewHold() : time.finalTombstone()).toMillis());
            }
            return;
        }
        if (exhausted) {
            emitIfChanged(a, false, out);
            clearAll(ctx);
            return;
        }
        schedule(a, ctx);
        if (!a.awaitingClick()) {
            emitIfChanged(a, false, out);
        }
    }

    /** A final verdict an analyst has still to decide (held for review), or one an analyst decided. */
    private static boolean awaitsAnalyst(Verdict v) {
        return v.decidedBy() != null || v.decision() == dev.tollgate.detectors.verdict.Decision.REVIEW;
    }

    private void schedule(Assessment a, ReadOnlyContext ctx) {
        OrderState.TimerChanges changes = st.schedule(a, time());
        changes.delete().forEach(t -> ctx.timerService().deleteEventTimeTimer(t));
        changes.register().forEach(t -> ctx.timerService().registerEventTimeTimer(t));
    }

    private void register(ReadOnlyContext ctx, long at) {
        if (st.addTimer(at)) {
            ctx.timerService().registerEventTimeTimer(at);
        }
    }

    private Settings.Time time() {
        return live.config().settings().time();
    }

    private void emitIfChanged(Assessment a, boolean fin, Collector<Verdict> out) {
        Verdict next = st.nextVersion(a, fin, clock.millis());
        if (next != null) {
            metrics.emitted(next, emittingFor, clock.millis());
            out.collect(next);
        }
    }

    private void clearAll(ReadOnlyContext ctx) throws Exception {
        for (Long t : st.timers) {
            ctx.timerService().deleteEventTimeTimer(t);
        }
        st = new OrderState();
        tombstone.clear();
    }
}
