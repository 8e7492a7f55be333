package dev.tollgate.detectors.model;

/** Extension telemetry inside an activated session (EVENTS.md `session`); {@code detail} is text or JSON text. */
public record SessionEvent(String eventId, long ts, String clickId, SessionKind kind, String detail)
        implements ContractEvent {
}
