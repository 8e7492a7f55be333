package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.model.AnalystDecision;
import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.model.ContractEvent;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.SessionEvent;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A parsed input (a contract event, an analyst's decision, a click trail's signal, or a live control change) on its way
 * through the topology: exactly one of the six payload fields is set. A record rather than a class hierarchy so that Flink serialises it
 * with its POJO serializer, never Kryo.
 *
 * @param restated an earlier lifecycle step restated by a native order snapshot (a snapshot of a completed order also
 *     proves its creation and payment); it is applied like any event, but its age says nothing about lateness
 * @param control a control change as its JSON text (see {@link LiveConfig}); it travels with the events up to the
 *     late tagger so that the broadcast stream it leaves on carries the events' watermarks
 * @param ingestedAt wall-clock time the record was parsed, for the verdict latency metric only
 */
@TypeInfo(WireTypes.EnvelopeInfo.class)
public record Envelope(ClickEvent click, OrderEvent order, SessionEvent session, ClickSignal signal,
                       AnalystDecision decision, String control, boolean restated,
                       long ingestedAt) {

    public static Envelope of(ContractEvent e) {
        return of(e, false, 0L);
    }

    public static Envelope of(ContractEvent e, boolean restated, long ingestedAt) {
        if (e instanceof ClickEvent c) {
            return new Envelope(c, null, null, null, null, null, false, ingestedAt);
        }
        if (e instanceof OrderEvent o) {
            return new Envelope(null, o, null, null, null, null, restated, ingestedAt);
        }
        if (e instanceof SessionEvent s) {
            return new Envelope(null, null, s, null, null, null, false, ingestedAt);
        }
        if (e instanceof AnalystDecision d) {
            return new Envelope(null, null, null, null, d, null, false, ingestedAt);
        }
        throw new IllegalArgumentException("not a contract event: " + e);
    }

    /** What a click trail found about a click, on its way to the join. */
    public static Envelope of(ClickSignal s, long ingestedAt) {
        return new Envelope(null, null, null, s, null, null, false, ingestedAt);
    }

    /** A control change; it has no event time of its own (it applies from each key's next event). */
    public static Envelope ofControl(String json, long ingestedAt) {
        return new Envelope(null, null, null, null, null, json, false, ingestedAt);
    }

    /** The contract event, or {@code null} for a click signal or a control change. */
    public ContractEvent event() {
        return click != null ? click : order != null ? order : session != null ? session : decision;
    }

    public long ts() {
        return signal != null ? signal.ts() : control != null ? Long.MIN_VALUE : event().ts();
    }

    public String kind() {
        return click != null ? "click" : order != null ? "order" : session != null ? "session"
                : decision != null ? "decision" : signal != null ? "signal" : "control";
    }

    /** The click this event joins on, or {@code null} for an order that names no click or a decision. */
    public String clickKey() {
        return click != null ? click.clickId() : order != null ? order.clickId()
                : session != null ? session.clickId() : signal != null ? signal.clickId() : null;
    }
}
