package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.ContractEvent;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.SessionEvent;

/**
 * A parsed contract event on its way through the topology: exactly one of the three fields is set. A record rather
 * than a class hierarchy so that Flink serialises it with its POJO serializer, never Kryo.
 */
public record Envelope(ClickEvent click, OrderEvent order, SessionEvent session) {

    public static Envelope of(ContractEvent e) {
        if (e instanceof ClickEvent c) {
            return new Envelope(c, null, null);
        }
        if (e instanceof OrderEvent o) {
            return new Envelope(null, o, null);
        }
        if (e instanceof SessionEvent s) {
            return new Envelope(null, null, s);
        }
        throw new IllegalArgumentException("not a contract event: " + e);
    }

    public ContractEvent event() {
        return click != null ? click : order != null ? order : session;
    }

    public long ts() {
        return event().ts();
    }

    public String kind() {
        return click != null ? "click" : order != null ? "order" : "session";
    }

    /** The click this event joins on, or {@code null} for an order that names no click. */
    public String clickKey() {
        return click != null ? click.clickId() : order != null ? order.clickId() : session.clickId();
    }
}
