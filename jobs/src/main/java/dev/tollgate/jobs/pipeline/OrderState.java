package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.model.AnalystDecision;
import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.SessionEvent;
import dev.tollgate.detectors.verdict.Verdict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link VerdictChangelog} keeps for one open order, in one keyed value: one state access per input
 * instead of one per kind of evidence (the lookups dominated the operator's profile), and on RocksDB one read and one
 * write of a few hundred bytes. A Flink POJO (public fields, no-argument constructor); the operator reads it, changes
 * it and writes it back within one element or timer.
 */
public final class OrderState {
    /** The order's lifecycle events by event id. */
    public Map<String, OrderEvent> events = new HashMap<>();
    /** The click the order names, once joined. */
    public ClickEvent click;
    /** The click's session events by event id. */
    public Map<String, SessionEvent> sessions = new HashMap<>();
    /** The orders sharing the click: order id to the time it was placed (the earliest seen). */
    public Map<String, Long> shares = new HashMap<>();
    /** What each click trail (subject) says about the click. */
    public Map<String, ClickSignal> signals = new HashMap<>();
    /** The event time the order's deadlines have been evaluated up to; {@code null} before the first timer. */
    public Long horizon;
    /** The last verdict emitted. */
    public Verdict last;
    /** When the order is finalised for age ({@code maxOrderAge} after its newest event). */
    public Long cleanupAt;
    /** The event-time timers registered for the order, ascending. */
    public List<Long> timers = new ArrayList<>();
    /** An analyst's ruling waiting for an order not seen yet. */
    public AnalystDecision pendingDecision;

    public OrderState() {
    }

    /** Whether nothing is kept: the state can be cleared. */
    public boolean isEmpty() {
        return events.isEmpty() && click == null && sessions.isEmpty() && shares.isEmpty() && signals.isEmpty()
                && horizon == null && last == null && cleanupAt == null && timers.isEmpty()
                && pendingDecision == null;
    }
}
