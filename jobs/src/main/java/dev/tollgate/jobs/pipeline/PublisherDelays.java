package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.fraud.PublisherDelayProfile;
import dev.tollgate.detectors.fraud.PublisherDelayProfile.Flag;
import dev.tollgate.detectors.fraud.PublisherDelayProfile.Sample;
import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.model.ClickSignal.TrailFinding;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.rules.Evidence;
import dev.tollgate.detectors.rules.ReasonCode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps each program's click-to-order delays per publisher (keyed by program) and, at the end of each event-time day
 * that placed an order, asks {@link PublisherDelayProfile} which orders belong to a publisher whose delays are
 * abnormally long, judging the orders placed before then ({@link PublisherDelayProfile#select}: a BATCH replay, which
 * has every sample before its first timer fires, judges exactly what a stream judges at the same time). Newly flagged
 * orders get a COOKIE_STUFFING signal, orders no longer flagged get an empty one; both go straight to the verdict
 * changelog by order id. Evidence names only the order's own delay, so it does not churn between evaluations.
 *
 * <p>Bounded: samples older than {@code delayWindow} before an evaluation, or past a publisher's newest
 * {@link PublisherDelayProfile#MAX_SAMPLES_PER_PUBLISHER}, leave the state; a flagged order whose sample leaves keeps
 * its flag (leaving says nothing about the order) and leaves the {@code flagged} state with it. Only a judgement of
 * samples still counted withdraws a flag. Live control changes of the profile's thresholds apply from the next
 * evaluation on (see {@link LiveConfig}): orders the new thresholds no longer flag get their empty signal then.
 */
public final class PublisherDelays extends KeyedBroadcastProcessFunction<String, DelaySample, String, OrderUpdate> {
    public static final String UID = "publisher-delays";
    /**
     * How often a program's profile is judged, in event time. A delay profile is a statistic over weeks of orders; a
     * day's resolution flags a stuffer long before its orders' windows close, at a 24th of the hourly cost.
     */
    static final long EVALUATE_EVERY = 86_400_000L;

    private final LiveConfig live;
    private transient PublisherDelayProfile profile;
    /**
     * One entry per (publisher, order): an order's sample is one small write, not a rewrite of its publisher's whole
     * list (which the changelog and RocksDB backends serialise on every write).
     */
    private transient MapState<String, Sample> samples;
    private transient MapState<String, String> flagged;
    /**
     * The control change (its version, {@code ""} for the base configuration) and the number of samples judged by the
     * last evaluation, kept while no sample arrived since: an evaluation is a function of the samples it judges and the
     * thresholds alone, and between evaluations the judged set only grows, so a timer that finds the same count, no
     * sample leaving and the same thresholds has nothing to do. Empty, as after a new sample or a restore from a
     * savepoint without it, means "evaluate".
     */
    private transient ValueState<String> evaluatedUnder;

    public PublisherDelays(TollgateConfig config) {
        this.live = new LiveConfig(config);
    }

    @Override
    public void open(OpenContext openContext) {
        profile = new PublisherDelayProfile(live.config().settings().detectors().cookieStuffing());
        samples = getRuntimeContext().getMapState(new MapStateDescriptor<>("delay-samples", Types.STRING,
                TypeInformation.of(Sample.class)));
        flagged = getRuntimeContext().getMapState(new MapStateDescriptor<>("flagged", Types.STRING, Types.STRING));
        evaluatedUnder = getRuntimeContext().getState(new ValueStateDescriptor<>("evaluated-under", Types.STRING));
    }

    /** Valid changes are kept; an invalid one is reported by the verdict changelog, which sees the same stream. */
    @Override
    public void processBroadcastElement(String json, Context ctx, Collector<OrderUpdate> out) throws Exception {
        live.accept(json, ctx.getBroadcastState(LiveConfig.STATE));
    }

    @Override
    public void processElement(DelaySample d, ReadOnlyContext ctx, Collector<OrderUpdate> out) throws Exception {
        Sample s = d.sample();
        // a later step of the same order replaces its sample; publishers past the cap are cut at the next evaluation
        samples.put(key(s), s);
        evaluatedUnder.clear();
        long due = (s.clickTs() + s.delayMs()) / EVALUATE_EVERY * EVALUATE_EVERY + EVALUATE_EVERY;
        ctx.timerService().registerEventTimeTimer(Math.max(due, ctx.timerService().currentWatermark() + 1));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OrderUpdate> out) throws Exception {
        if (live.refresh(ctx.getBroadcastState(LiveConfig.STATE))) {
            profile = new PublisherDelayProfile(live.config().settings().detectors().cookieStuffing());
        }
        PublisherDelayProfile.Selection judged = PublisherDelayProfile.select(samples.values(), timestamp,
                live.config().settings().detectors().cookieStuffing().delayWindow());
        for (Sample s : judged.gone()) {
            samples.remove(key(s));
            // the order keeps the flag it has: the changelog holds its signal, this operator forgets it
            flagged.remove(s.orderId());
        }
        String under = (live.version() == null ? "" : live.version()) + "|" + judged.judged();
        if (judged.gone().isEmpty() && under.equals(evaluatedUnder.value())) {
            return;
        }
        evaluatedUnder.update(under);
        Map<String, List<Sample>> byPublisher = judged.byPublisher();
        Map<String, Sample> byOrder = new HashMap<>();
        for (List<Sample> list : byPublisher.values()) {
            for (Sample s : list) {
                byOrder.put(s.orderId(), s);
            }
        }
        Map<String, Flag> wanted = profile.evaluate(byPublisher);
        Set<String> previously = new HashSet<>();
        flagged.keys().forEach(previously::add);
        for (Flag f : wanted.values()) {
            Sample s = byOrder.get(f.orderId());
            String evidence = Evidence.of("publisherId", s.publisherId())
                    .and("orderDelayMin", s.delayMs() / 60_000).and("test", "two-sample Kolmogorov-Smirnov").json();
            // re-sent only when the order's own evidence changed (an earlier step of the order arrived late)
            if (!(f.clickId() + "|" + evidence).equals(flagged.get(f.orderId()))) {
                flagged.put(f.orderId(), f.clickId() + "|" + evidence);
                out.collect(signal(f.orderId(), f.clickId(), s.publisherId(), s.clickTs(), evidence));
            }
        }
        for (String orderId : previously) {
            if (!wanted.containsKey(orderId)) {
                String clickId = flagged.get(orderId).split("\\|", 2)[0];
                flagged.remove(orderId);
                out.collect(OrderUpdate.signals(orderId, List.of(
                        new ClickSignal(clickId, "publisher-profile", 0, List.of(), List.of())), 0L));
            }
        }
    }

    private static String key(Sample s) {
        return s.publisherId() + '\u0000' + s.orderId();
    }

    private static OrderUpdate signal(String orderId, String clickId, String publisher, long ts, String evidence) {
        ClickSignal s = new ClickSignal(clickId, "publisher-profile", ts,
                List.of(new TrailFinding(ReasonCode.COOKIE_STUFFING.name(), PublisherDelayProfile.DETECTOR, evidence)),
                List.of());
        return OrderUpdate.signals(orderId, List.of(s), 0L);
    }
}
