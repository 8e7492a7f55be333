package dev.tollgate.detectors.lifecycle;

import dev.tollgate.detectors.model.AnalystDecision;
import dev.tollgate.detectors.model.Canonical;
import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.SessionEvent;
import dev.tollgate.detectors.policy.Settings;
import dev.tollgate.detectors.rules.OrderCase;
import dev.tollgate.detectors.rules.OrderCase.ClickShare;
import dev.tollgate.detectors.verdict.Assessment;
import dev.tollgate.detectors.verdict.Decision;
import dev.tollgate.detectors.verdict.Verdict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything kept for one open order between its events, and the bookkeeping of its verdict: the evidence merged from
 * updates (a redelivery changes nothing), the case the rules assess, the event-time timers it wants, when it is final,
 * and the next verdict version (only when the outcome changed). Plain Java: the streaming job's verdict changelog holds
 * one of these per order key (a Flink POJO: public fields, a no-argument constructor), reads it, calls these methods
 * and turns what they return into timers and output.
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

    /** Timers to register and to delete, after {@link #schedule} updated {@link #timers}. */
    public record TimerChanges(List<Long> register, List<Long> delete) {
    }

    /** Whether nothing is kept: the state can be cleared. */
    public boolean isEmpty() {
        return events.isEmpty() && click == null && sessions.isEmpty() && shares.isEmpty() && signals.isEmpty()
                && horizon == null && last == null && cleanupAt == null && timers.isEmpty()
                && pendingDecision == null;
    }

    /** Whether this order step is already kept (a redelivery). */
    public boolean has(OrderEvent order) {
        return events.containsKey(order.eventId());
    }

    /**
     * Adds an update's evidence (any part may be {@code null}); shares are a union keeping the earliest placement,
     * since once the join has forgotten the click it reports fewer sharing orders, never a real change.
     *
     * @return whether anything changed while the order has at least one event (so it is worth assessing)
     */
    public boolean merge(OrderEvent order, ClickEvent joinedClick, List<SessionEvent> newSessions,
                         List<ClickSignal> newSignals, List<ClickShare> newShares) {
        boolean changed = false;
        if (order != null && !has(order)) {
            events.put(order.eventId(), Canonical.order(order));
            changed = true;
        }
        if (joinedClick != null && !joinedClick.equals(click)) {
            click = Canonical.click(joinedClick);
            changed = true;
        }
        if (newSessions != null) {
            for (SessionEvent s : newSessions) {
                changed |= sessions.putIfAbsent(s.eventId(), s) == null;
            }
        }
        if (newSignals != null) {
            for (ClickSignal s : newSignals) {
                if (!s.equals(signals.get(s.subject()))) {
                    signals.put(s.subject(), s);
                    changed = true;
                }
            }
        }
        if (newShares != null) {
            for (ClickShare s : newShares) {
                Long at = shares.get(s.orderId());
                if (at == null || s.placedAt() < at) {
                    shares.put(s.orderId(), s.placedAt());
                    changed = true;
                }
            }
        }
        return changed && !events.isEmpty();
    }

    /** The case the rules assess: signals by subject, shares by order id, at the order's horizon. */
    public OrderCase toCase(boolean exhausted) {
        List<OrderEvent> evs = new ArrayList<>(events.values());
        List<ClickSignal> sig = new ArrayList<>(signals.values());
        sig.sort(Comparator.comparing(ClickSignal::subject));
        List<ClickShare> sharing = new ArrayList<>(shares.size());
        new TreeMap<>(shares).forEach((id, at) -> sharing.add(new ClickShare(id, at)));
        return new OrderCase(evs.get(0).orderId(), evs, click, new ArrayList<>(sessions.values()), sharing, sig,
                horizon(), exhausted);
    }

    /** The horizon, {@link Long#MIN_VALUE} before the first timer. */
    public long horizon() {
        return horizon == null ? Long.MIN_VALUE : horizon;
    }

    /** Adds a timer to the ascending list; true when it was not there (so it must be registered). */
    public boolean addTimer(long at) {
        int i = Collections.binarySearch(timers, at);
        if (i >= 0) {
            return false;
        }
        timers.add(-i - 1, at);
        return true;
    }

    /** Removes and returns the earliest timer at or before {@code due}, or {@code null}. */
    public Long pollTimerDue(long due) {
        return !timers.isEmpty() && timers.get(0) <= due ? timers.remove(0) : null;
    }

    /**
     * Adds the timers an assessment asks for: its deadlines beyond the horizon, the end of the finality delay once it
     * is closed, and the age limit after its newest event (moved when a newer event arrived).
     */
    public TimerChanges schedule(Assessment a, Settings.Time time) {
        List<Long> register = new ArrayList<>();
        List<Long> delete = new ArrayList<>();
        long h = horizon();
        for (long deadline : a.deadlines()) {
            if (deadline > h && addTimer(deadline)) {
                register.add(deadline);
            }
        }
        if (a.closedAt() != null) {
            long finalAt = a.closedAt() + time.finalityDelay().toMillis();
            if (addTimer(finalAt)) {
                register.add(finalAt);
            }
        }
        long newest = 0;
        for (OrderEvent e : events.values()) {
            newest = Math.max(newest, e.ts());
        }
        long cleanup = newest + time.maxOrderAge().toMillis();
        if (!Objects.equals(cleanupAt, cleanup)) {
            if (cleanupAt != null && timers.remove(cleanupAt)) {
                delete.add(cleanupAt);
            }
            cleanupAt = cleanup;
            if (addTimer(cleanup)) {
                register.add(cleanup);
            }
        }
        return new TimerChanges(register, delete);
    }

    /**
     * Whether the order's verdict is final at a timer: closed and the finality delay passed (or the input ended), or
     * older than the age limit.
     */
    public boolean isFinal(Assessment a, long timestamp, boolean exhausted, Settings.Time time) {
        boolean closedLongEnough = a.closedAt() != null
                && (exhausted || horizon() >= a.closedAt() + time.finalityDelay().toMillis());
        boolean tooOld = !exhausted && cleanupAt != null && timestamp >= cleanupAt;
        return closedLongEnough || tooOld;
    }

    /**
     * The next version of the verdict the assessment gives, kept as {@link #last}; {@code null} when its outcome
     * equals the last one (a changelog never repeats itself).
     */
    public Verdict nextVersion(Assessment a, boolean fin, long decidedAt) {
        int version = last == null ? 1 : last.version() + 1;
        Verdict next = a.toVerdict(fin, version, decidedAt);
        if (next.sameOutcome(last)) {
            return null;
        }
        last = next;
        return next;
    }

    /** An analyst's ruling on a verdict: final, with the ruling's decision, time and analyst. */
    public static Verdict overrule(Verdict v, AnalystDecision d, int version, long decidedAt) {
        return new Verdict(v.orderId(), v.program(), Decision.valueOf(d.decision()), true, version, v.score(),
                v.reasons(), v.eligibleAmount(), Math.max(v.eventTime(), d.ts()), decidedAt, v.policyVersion(),
                d.analyst());
    }
}
