package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.SessionEvent;

import java.util.List;

/**
 * Everything known about one order at a moment: its status events, the click it names (once seen), that click's
 * session telemetry, the other orders that name the same click, what the click trails say about the click, and how
 * far event time is known to have advanced.
 * The assessment is a pure function of this, so the arrival order of evidence never changes the final verdict.
 *
 * @param horizon event time up to which the input is known complete ({@link Long#MIN_VALUE} when unknown); deadlines
 *     at or before it have passed
 * @param inputExhausted the input has ended (bounded replay): a click that has not arrived never will
 */
public record OrderCase(
        String orderId,
        List<OrderEvent> events,
        ClickEvent click,
        List<SessionEvent> sessions,
        List<ClickShare> clickShares,
        List<ClickSignal> signals,
        long horizon,
        boolean inputExhausted) {

    /** Another order attributed to the same click, with the time it was placed. */
    public record ClickShare(String orderId, long placedAt) {
    }
}
