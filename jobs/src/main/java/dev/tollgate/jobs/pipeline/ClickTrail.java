package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.fraud.ClickTrailAnalyzer;
import dev.tollgate.detectors.fraud.TrailClick;
import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.policy.TollgateConfig;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps one subject's click trail (keyed by {@code user:}, {@code device:} or {@code ip:}) and emits, for every click
 * whose trail signal changes, the new {@link ClickSignal} towards the attribution join. A click that arrives can change
 * the signals of its neighbours (a burst revealed by later clicks), so those are re-read too. State is bounded: a click
 * leaves the trail when its retention has passed in event time, and a trail keeps at most {@link #MAX_CLICKS} clicks.
 * Live control changes of the trail thresholds apply from the next click or timer on (see {@link LiveConfig});
 * signals already emitted stand until a later click re-reads them.
 */
public final class ClickTrail extends KeyedBroadcastProcessFunction<String, SubjectClick, String, Envelope> {
    public static final String UID = "click-trail";
    /** A trail never holds more clicks than this (a flood is already a bot by then). */
    static final int MAX_CLICKS = 300;
    /** At most this many neighbours are re-read per arriving click. */
    private static final int MAX_REREAD = 100;

    private static final Comparator<TrailClick> IN_TIME_ORDER = Comparator.comparingLong(TrailClick::ts)
            .thenComparing(TrailClick::clickId);

    private final LiveConfig live;
    private transient ClickTrailAnalyzer analyzer;
    private transient ListState<TrailClick> trail;
    private transient MapState<String, ClickSignal> emitted;
    private transient ValueState<Long> nextPrune;

    public ClickTrail(TollgateConfig config) {
        this.live = new LiveConfig(config);
    }

    @Override
    public void open(OpenContext openContext) {
        analyzer = analyzer(live.config());
        trail = getRuntimeContext().getListState(new ListStateDescriptor<>("trail", TrailClick.class));
        emitted = getRuntimeContext().getMapState(new MapStateDescriptor<>("emitted", Types.STRING,
                TypeInformation.of(ClickSignal.class)));
        nextPrune = getRuntimeContext().getState(new ValueStateDescriptor<>("next-prune", Types.LONG));
    }

    @Override
    public void processElement(SubjectClick sc, ReadOnlyContext ctx, Collector<Envelope> out) throws Exception {
        refresh(ctx);
        List<TrailClick> clicks = load();
        String clickId = sc.click().clickId();
        if (clicks.stream().anyMatch(c -> c.clickId().equals(clickId))) {
            return;
        }
        TrailClick n = sc.click().canonical();
        int at = -Collections.binarySearch(clicks, n, IN_TIME_ORDER) - 1;
        clicks.add(at, n);
        while (clicks.size() > MAX_CLICKS) {
            emitted.remove(clicks.remove(0).clickId());
            at--;
        }
        trail.update(clicks);
        if (at < 0) {
            return; // older than every click a full trail keeps
        }
        long reachBack = analyzer.influenceBeforeMs(sc.kind());
        long reachAhead = analyzer.influenceAfterMs(sc.kind());
        List<Integer> targets = new ArrayList<>();
        targets.add(at);
        boolean earlier = true;
        boolean later = true;
        for (int d = 1; targets.size() < MAX_REREAD && (earlier || later); d++) {
            earlier = earlier && at - d >= 0 && n.ts() - clicks.get(at - d).ts() <= reachBack;
            later = later && at + d < clicks.size() && clicks.get(at + d).ts() - n.ts() <= reachAhead;
            if (earlier) {
                targets.add(at - d);
            }
            if (later && targets.size() < MAX_REREAD) {
                targets.add(at + d);
            }
        }
        for (int i : targets) {
            ClickSignal s = analyzer.signal(sc.kind(), sc.subject(), clicks, i);
            ClickSignal before = emitted.get(s.clickId());
            boolean empty = s.findings().isEmpty() && s.priors().isEmpty();
            if (before == null ? !empty : !before.equals(s)) {
                emitted.put(s.clickId(), s);
                out.collect(Envelope.of(s, sc.ingestedAt()));
            }
        }
        long prune = n.ts() + analyzer.retentionMs(sc.kind());
        Long current = nextPrune.value();
        if (current == null || prune < current) {
            if (current != null) {
                ctx.timerService().deleteEventTimeTimer(current);
            }
            nextPrune.update(prune);
            ctx.timerService().registerEventTimeTimer(prune);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Envelope> out) throws Exception {
        refresh(ctx);
        List<TrailClick> clicks = load();
        long retention = analyzer.retentionMs(kindOf(ctx.getCurrentKey()));
        List<TrailClick> kept = new ArrayList<>();
        for (TrailClick c : clicks) {
            if (c.ts() + retention > timestamp) {
                kept.add(c);
            } else {
                emitted.remove(c.clickId());
            }
        }
        if (kept.isEmpty() || ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            // all clicks expired, or the input has ended: nothing can change a signal any more
            trail.clear();
            emitted.clear();
            nextPrune.clear();
            return;
        }
        trail.update(kept);
        long next = kept.get(0).ts() + retention;
        nextPrune.update(next);
        ctx.timerService().registerEventTimeTimer(next);
    }

    /** A click trail signals prior clicks as far back as the longest attribution window of any program. */
    private static ClickTrailAnalyzer analyzer(TollgateConfig config) {
        long lookback = config.programs().values().stream()
                .mapToLong(p -> p.terms().attributionWindow().window() == null ? 0
                        : p.terms().attributionWindow().window().toMillis())
                .max().orElse(0);
        return new ClickTrailAnalyzer(config.settings().detectors(), lookback);
    }

    /** Valid changes are kept; an invalid one is reported by the verdict changelog, which sees the same stream. */
    @Override
    public void processBroadcastElement(String json, Context ctx, Collector<Envelope> out) throws Exception {
        live.accept(json, ctx.getBroadcastState(LiveConfig.STATE));
    }

    private void refresh(ReadOnlyContext ctx) throws Exception {
        if (live.refresh(ctx.getBroadcastState(LiveConfig.STATE))) {
            analyzer = analyzer(live.config());
        }
    }

    private List<TrailClick> load() throws Exception {
        List<TrailClick> clicks = new ArrayList<>();
        Iterable<TrailClick> it = trail.get();
        if (it != null) {
            it.forEach(clicks::add);
        }
        return clicks;
    }

    private static ClickTrailAnalyzer.Kind kindOf(String subject) {
        return subject.startsWith("user:") ? ClickTrailAnalyzer.Kind.USER
                : subject.startsWith("device:") ? ClickTrailAnalyzer.Kind.DEVICE : ClickTrailAnalyzer.Kind.IP;
    }
}
