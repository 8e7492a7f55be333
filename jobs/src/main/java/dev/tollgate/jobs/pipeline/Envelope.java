package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.model.ContractEvent;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.SessionEvent;

/**
 * A parsed contract event (or a click trail's signal) on its way through the topology: exactly one of the four
 * fields is set. A record rather
 * than a class hierarchy so that Flink serialises it with its POJO serializer, never Kryo.
 *
 * @param restated an earlier lifecycle step restated by a native order snapshot (a snapshot of a completed order also
 *     proves its creation and payment); it is applied like any event, but its age says nothing about lateness
 */
public record Envelope(ClickEvent click, OrderEvent order, SessionEvent session, ClickSignal signal,
                       boolean restated) {

    public static Envelope of(ContractEvent e) {
        return of(e, false);
    }

    public static Envelope of(ContractEvent e, boolean restated) {
        if (e instanceof ClickEvent c) {
            return new Envelope(c, null, null, null, false);
        }
        if (e instanceof OrderEvent o) {
            return new Envelope(null, o, null, null, restated);
        }
        if (e instanceof SessionEvent s) {
            return new Envelope(null, null, s, null, false);
        }
        throw new IllegalArgumentException("not a contract event: " + e);
    }

    /** What a click trail found about a click, on its way to the join. */
    public static Envelope of(ClickSignal s) {
        return new Envelope(null, null, null, s, false);
    }

    /** The contract event, or {@code null} for a click signal. */
    public ContractEvent event() {
        return click != null ? click : order != null ? order : session;
    }

    public long ts() {
        return signal != null ? signal.ts() : event().ts();
    }

    public String kind() {
        return click != null ? "click" : order != null ? "order" : session != null ? "session" : "signal";
    }

    /** The click this event joins on, or {@code null} for an order that names no click. */
    public String clickKey() {
        return click != null ? click.clickId() : order != null ? order.clickId()
                : session != null ? session.clickId() : signal.clickId();
    }
}
