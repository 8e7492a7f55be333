package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.model.SessionEvent;

import java.util.HashMap;
import java.util.Map;

/**
 * Everything {@link AttributionJoin} keeps for one click id, in one keyed value: one state read and one write per
 * event instead of a lookup and three map iterations (each a seek on RocksDB, which dominated its profile). A Flink
 * POJO (public fields, no-argument constructor).
 */
public final class JoinState {
    /** The click, once seen. */
    public ClickEvent click;
    /** The orders that named the click: order id to the time it was placed (the earliest seen). */
    public Map<String, Long> orders = new HashMap<>();
    /** The click's session events by event id. */
    public Map<String, SessionEvent> sessions = new HashMap<>();
    /** What each click trail (subject) says about the click. */
    public Map<String, ClickSignal> signals = new HashMap<>();
    /** When the state is forgotten (event time); {@code null} before the first event. */
    public Long expiry;

    public JoinState() {
    }
}
