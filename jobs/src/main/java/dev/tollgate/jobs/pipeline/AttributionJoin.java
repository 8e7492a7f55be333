package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.fraud.PublisherDelayProfile;
import dev.tollgate.detectors.model.Canonical;
import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.SessionEvent;
import dev.tollgate.detectors.policy.ProgramPolicy;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.rules.OrderCase.ClickShare;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Joins orders to the click they name, keyed by {@code clickId}, whichever arrives first. Holds the click, its session
 * telemetry and the ids of the orders that named it, and sends each order everything it needs as {@link OrderUpdate}s
 * keyed by {@code orderId}: the click when it arrives, each session event, what the click trails say about the click,
 * and the list of orders sharing the click (for "one activation, one order"). State lives until the click's program window plus the click retention has passed
 * in event time (for a click never seen: from the first event that named it, with the longest window), then is cleared.
 */
public final class AttributionJoin extends KeyedProcessFunction<String, Envelope, OrderUpdate> {
    public static final String UID = "attribution-join";

    private final TollgateConfig config;
    private final long longestWindowMs;
    private transient ValueState<ClickEvent> click;
    private transient MapState<String, Long> orders;
    private transient MapState<String, SessionEvent> sessions;
    private transient ValueState<Long> expiry;
    private transient MapState<String, ClickSignal> signals;
    /** Ingestion time of the element being processed, carried into the updates it causes (latency metric). */
    private transient long ingestedAt;

    public AttributionJoin(TollgateConfig config) {
        this.config = config;
        this.longestWindowMs = config.programs().values().stream()
                .mapToLong(p -> p.terms().attributionWindow().window() == null ? 0
                        : p.terms().attributionWindow().window().toMillis())
                .max().orElse(0);
    }

    @Override
    public void open(OpenContext openContext) {
        click = getRuntimeContext().getState(new ValueStateDescriptor<>("click", ClickEvent.class));
        orders = getRuntimeContext().getMapState(new MapStateDescriptor<>("orders", Types.STRING, Types.LONG));
        sessions = getRuntimeContext().getMapState(new MapStateDescriptor<>("sessions", Types.STRING,
                TypeInformation.of(SessionEvent.class)));
        expiry = getRuntimeContext().getState(new ValueStateDescriptor<>("expiry", Types.LONG));
        signals = getRuntimeContext().getMapState(new MapStateDescriptor<>("signals", Types.STRING,
                TypeInformation.of(ClickSignal.class)));
    }

    @Override
    public void processElement(Envelope e, Context ctx, Collector<OrderUpdate> out) throws Exception {
        ingestedAt = e.ingestedAt();
        if (e.click() != null) {
            onClick(e.click(), ctx, out);
        } else if (e.order() != null) {
            onOrder(e.order(), ctx, out);
        } else if (e.session() != null) {
            onSession(e.session(), ctx, out);
        } else {
            onSignal(e.signal(), ctx, out);
        }
    }

    private void onClick(ClickEvent c, Context ctx, Collector<OrderUpdate> out) throws Exception {
        ClickEvent known = click.value();
        // Two click events with one clickId: the earliest (then lowest event id) is the activation, deterministically.
        if (known != null && (known.ts() < c.ts() || (known.ts() == c.ts()
                && known.eventId().compareTo(c.eventId()) <= 0))) {
            return;
        }
        click.update(Canonical.click(c));
        List<SessionEvent> s = sessionList();
        List<ClickShare> shares = shares();
        List<ClickSignal> sig = signalList();
        for (Map.Entry<String, Long> order : orders.entries()) {
            if (joins(c, order.getValue())) {
                out.collect(OrderUpdate.joined(order.getKey(), null, c, s, shares, sig, ingestedAt));
                delaySample(ctx, c, order.getKey(), order.getValue());
            }
        }
        extendExpiry(ctx, forgottenAt(c));
    }

    private void onOrder(OrderEvent o, Context ctx, Collector<OrderUpdate> out) throws Exception {
        Long seen = orders.get(o.orderId());
        boolean newShare = seen == null || o.ts() < seen;
        if (newShare) {
            orders.put(o.orderId(), o.ts());
        }
        if (!newShare) {
            // A later step of an order already here: its click, sessions, signals and shares went to the verdict
            // changelog with the order's first event (or as they arrived), which keeps them; only the step is new.
            out.collect(OrderUpdate.of(o, ingestedAt));
        } else {
            List<ClickShare> shares = shares();
            ClickEvent c = click.value();
            boolean joined = c != null && joins(c, o.ts());
            out.collect(OrderUpdate.joined(o.orderId(), o, joined ? c : null, sessionList(), shares,
                    joined ? signalList() : null, ingestedAt));
            if (joined) {
                delaySample(ctx, c, o.orderId(), orders.get(o.orderId()));
            }
            for (String other : orders.keys()) {
                if (!other.equals(o.orderId())) {
                    out.collect(OrderUpdate.joined(other, null, null, null, shares, null, ingestedAt));
                }
            }
        }
        if (click.value() == null) {
            extendExpiry(ctx, o.ts() + longestWindowMs + retentionMs());
        }
    }

    private void onSession(SessionEvent s, Context ctx, Collector<OrderUpdate> out) throws Exception {
        if (sessions.contains(s.eventId())) {
            return;
        }
        sessions.put(s.eventId(), s);
        for (String orderId : orders.keys()) {
            out.collect(OrderUpdate.joined(orderId, null, null, List.of(s), null, null, ingestedAt));
        }
        if (click.value() == null) {
            extendExpiry(ctx, s.ts() + longestWindowMs + retentionMs());
        }
    }

    /** A click trail revised what it says about this click: pass it on to the orders the click joins. */
    private void onSignal(ClickSignal s, Context ctx, Collector<OrderUpdate> out) throws Exception {
        if (s.equals(signals.get(s.subject()))) {
            return;
        }
        signals.put(s.subject(), s);
        ClickEvent c = click.value();
        for (Map.Entry<String, Long> order : orders.entries()) {
            if (c != null && joins(c, order.getValue())) {
                out.collect(OrderUpdate.signals(order.getKey(), List.of(s), ingestedAt));
            }
        }
        if (c == null) {
            extendExpiry(ctx, s.ts() + longestWindowMs + retentionMs());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OrderUpdate> out) throws Exception {
        Long at = expiry.value();
        if (at != null && timestamp >= at) {
            click.clear();
            orders.clear();
            sessions.clear();
            signals.clear();
            expiry.clear();
        }
    }

    /** Tells the program's publisher delay profile how long after the click this order came. */
    private static void delaySample(Context ctx, ClickEvent c, String orderId, long orderTs) {
        if (orderTs >= c.ts()) {
            ctx.output(Outputs.DELAY_SAMPLES, new DelaySample(c.program(), new PublisherDelayProfile.Sample(orderId,
                    c.clickId(), c.publisherId(), c.ts(), orderTs - c.ts())));
        }
    }

    /** When the click is forgotten: its program window plus the click retention after it. */
    private long forgottenAt(ClickEvent c) {
        return c.ts() + windowOf(c.program()).toMillis() + retentionMs();
    }

    /**
     * An order placed after the click is forgotten does not join it, whether or not the state is still there: BATCH
     * (which fires timers only at the end) and STREAMING then agree.
     */
    private boolean joins(ClickEvent c, long orderTs) {
        return orderTs <= forgottenAt(c);
    }

    private void extendExpiry(Context ctx, long at) throws Exception {
        Long current = expiry.value();
        if (current == null || at > current) {
            if (current != null) {
                ctx.timerService().deleteEventTimeTimer(current);
            }
            expiry.update(at);
            ctx.timerService().registerEventTimeTimer(at);
        }
    }

    private List<SessionEvent> sessionList() throws Exception {
        List<SessionEvent> list = new ArrayList<>();
        sessions.values().forEach(list::add);
        list.sort(Comparator.comparingLong(SessionEvent::ts).thenComparing(SessionEvent::eventId));
        return list;
    }

    private List<ClickSignal> signalList() throws Exception {
        List<ClickSignal> list = new ArrayList<>();
        signals.values().forEach(list::add);
        list.sort(Comparator.comparing(ClickSignal::subject));
        return list;
    }

    private List<ClickShare> shares() throws Exception {
        List<ClickShare> list = new ArrayList<>();
        for (Map.Entry<String, Long> e : orders.entries()) {
            list.add(new ClickShare(e.getKey(), e.getValue()));
        }
        list.sort(Comparator.comparingLong(ClickShare::placedAt).thenComparing(ClickShare::orderId));
        return list;
    }

    private Duration windowOf(String program) {
        ProgramPolicy p = config.program(program);
        Duration w = p == null ? null : p.terms().attributionWindow().window();
        return w == null ? Duration.ofMillis(longestWindowMs) : w;
    }

    private long retentionMs() {
        return config.settings().time().clickRetention().toMillis();
    }
}
