package dev.tollgate.detectors.model;

/**
 * An analyst's ruling on an order (EVENTS.md {@code decision}): it overrides the detectors and makes the verdict final,
 * recording who decided.
 *
 * @param decision {@code CREDIT} or {@code EXCLUDE}
 */
public record AnalystDecision(String orderId, String decision, String analyst, String note, long ts)
        implements ContractEvent {

    @Override
    public String eventId() {
        return "decision:" + orderId + ":" + ts + ":" + analyst;
    }
}
