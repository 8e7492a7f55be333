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
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
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
    private transient ValueState<JoinState> state;
    /** The state of the key being processed, read once per element or timer and written back when changed. */
    private transient JoinState st;
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
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("join", JoinState.class));
    }

    @Override
    public void processElement(Envelope e, Context ctx, Collector<OrderUpdate> out) throws Exception {
        ingestedAt = e.ingestedAt();
        JoinState read = state.value();
        st = read == null ? new JoinState() : read;
        boolean changed;
        if (e.click() != null) {
            changed = onClick(e.click(), ctx, out);
        } else if (e.order() != null) {
            changed = onOrder(e.order(), ctx, out);
        } else if (e.session() != null) {
            changed = onSession(e.session(), ctx, out);
        } else {
            changed = onSignal(e.signal(), ctx, out);
        }
        if (changed) {
            state.update(st);
        }
        st = null;
    }

    /** @return whether the state changed */
    private boolean onClick(ClickEvent c, Context ctx, Collector<OrderUpdate> out) {
        ClickEvent known = st.click;
        // Two click events with one clickId: the earliest (then lowest event id) is the activation, deterministically.
        if (known != null && (known.ts() < c.ts() || (known.ts() == c.ts()
                && known.eventId().compareTo(c.eventId()) <= 0))) {
            return false;
        }
        st.click = Canonical.click(c);
        List<SessionEvent> s = sessionList();
        List<ClickShare> shares = shares();
        List<ClickSignal> sig = signalList();
        for (Map.Entry<String, Long> order : st.orders.entrySet()) {
            if (joins(c, order.getValue())) {
                out.collect(OrderUpdate.joined(order.getKey(), null, c, s, shares, sig, ingestedAt));
                delaySample(ctx, c, order.getKey(), order.getValue());
            }
        }
        extendExpiry(ctx, forgottenAt(c));
        return true;
    }

    private boolean onOrder(OrderEvent o, Context ctx, Collector<OrderUpdate> out) {
        Long seen = st.orders.get(o.orderId());
        boolean newShare = seen == null || o.ts() < seen;
        if (newShare) {
            st.orders.put(o.orderId(), o.ts());
        }
        if (!newShare) {
            // A later step of an order already here: its click, sessions, signals and shares went to the verdict
            // changelog with the order's first event (or as they arrived), which keeps them; only the step is new.
            out.collect(OrderUpdate.of(o, ingestedAt));
        } else {
            List<ClickShare> shares = shares();
            ClickEvent c = st.click;
            boolean joined = c != null && joins(c, o.ts());
            out.collect(OrderUpdate.joined(o.orderId(), o, joined ? c : null, sessionList(), shares,
                    joined ? signalList() : null, ingestedAt));
            if (joined) {
                delaySample(ctx, c, o.orderId(), st.orders.get(o.orderId()));
            }
            for (String other : st.orders.keySet()) {
                if (!other.equals(o.orderId())) {
                    out.collect(OrderUpdate.joined(other, null, null, null, shares, null, ingestedAt));
                }
            }
        }
        if (st.click == null) {
            extendExpiry(ctx, o.ts() + longestWindowMs + retentionMs());
        }
        return newShare || st.click == null;
    }

    private boolean onSession(SessionEvent s, Context ctx, Collector<OrderUpdate> out) {
        if (st.sessions.containsKey(s.eventId())) {
            return false;
        }
        st.sessions.put(s.eventId(), s);
        for (String orderId : st.orders.keySet()) {
            out.collect(OrderUpdate.joined(orderId, null, null, List.of(s), null, null, ingestedAt));
        }
        if (st.click == null) {
            extendExpiry(ctx, s.ts() + longestWindowMs + retentionMs());
        }
        return true;
    }

    /** A click trail revised what it says about this click: pass it on to the orders the click joins. */
    private boolean onSignal(ClickSignal s, Context ctx, Collector<OrderUpdate> out) {
        if (s.equals(st.signals.get(s.subject()))) {
            return false;
        }
        st.signals.put(s.subject(), s);
        ClickEvent c = st.click;
        for (Map.Entry<String, Long> order : st.orders.entrySet()) {
            if (c != null && joins(c, order.getValue())) {
                out.collect(OrderUpdate.signals(order.getKey(), List.of(s), ingestedAt));
            }
        }
        if (c == null) {
            extendExpiry(ctx, s.ts() + longestWindowMs + retentionMs());
        }
        return true;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OrderUpdate> out) throws Exception {
        JoinState read = state.value();
        if (read != null && read.expiry != null && timestamp >= read.expiry) {
            state.clear();
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

    private void extendExpiry(Context ctx, long at) {
        Long current = st.expiry;
        if (current == null || at > current) {
            if (current != null) {
                ctx.timerService().deleteEventTimeTimer(current);
            }
            st.expiry = at;
            ctx.timerService().registerEventTimeTimer(at);
        }
    }

    private List<SessionEvent> sessionList() {
        List<SessionEvent> list = new ArrayList<>(st.sessions.values());
        list.sort(Comparator.comparingLong(SessionEvent::ts).thenComparing(SessionEvent::eventId));
        return list;
    }

    private List<ClickSignal> signalList() {
        List<ClickSignal> list = new ArrayList<>(st.signals.values());
        list.sort(Comparator.comparing(ClickSignal::subject));
        return list;
    }

    private List<ClickShare> shares() {
        List<ClickShare> list = new ArrayList<>();
        for (Map.Entry<String, Long> e : st.orders.entrySet()) {
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
