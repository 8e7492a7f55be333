package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.SessionEvent;
import dev.tollgate.detectors.policy.ProgramPolicy.AttributionWindow.Anchor;
import dev.tollgate.detectors.policy.ProgramPolicy.SessionInterrupted;

/**
 * SESSION_INTERRUPTED: the activated cashback session was left before the purchase. Seed 002: "you must never abandon
 * the AliExpress window that opened following the click on BestPrice ... our cookies may be compromised"; seed 004:
 * "place an order in the same tab", "If your Internet connection fails, the cash back activation session will be
 * over", "Make sure your payment gets through before closing the page with the order".
 *
 * <p>A session event of one of the term's kinds (tab switched, window closed, connection lost) on the attributed click,
 * at or after the click and strictly before the order was placed, or, with {@code until: paid}, before it was paid (an
 * order not paid yet is still inside its session, so any such event counts). Events after that moment change nothing.
 * The first interruption is the evidence; the count says how many there were.
 */
public final class SessionInterruptedRule implements OrderRule {
    static final String DETECTOR = "terms.sessionInterrupted";

    @Override
    public void evaluate(RuleContext ctx) {
        SessionInterrupted term = ctx.terms().sessionInterrupted();
        ClickEvent click = ctx.click();
        if (!term.severity().enabled() || click == null || ctx.kase().sessions().isEmpty()) {
            return;
        }
        Long until = term.until() == Anchor.PAID ? ctx.order().paidAt() : Long.valueOf(ctx.order().placedAt());
        long end = until == null ? Long.MAX_VALUE : until;
        SessionEvent first = null;
        int count = 0;
        for (SessionEvent s : ctx.kase().sessions()) {
            if (!term.kinds().contains(s.kind()) || !click.clickId().equals(s.clickId())
                    || s.ts() < click.ts() || s.ts() >= end) {
                continue;
            }
            count++;
            boolean earlier = first == null || s.ts() < first.ts()
                    || (s.ts() == first.ts() && s.eventId().compareTo(first.eventId()) < 0);
            if (earlier) {
                first = s;
            }
        }
        if (first == null) {
            return;
        }
        ctx.add(Finding.of(ReasonCode.SESSION_INTERRUPTED, term.severity(), DETECTOR,
                Evidence.of("kind", first.kind()).and("at", Evidence.instant(first.ts()))
                        .and("clickTs", Evidence.instant(click.ts())).and("before", term.until())
                        .and(term.until() == Anchor.PAID ? "paidAt" : "placedAt",
                                until == null ? null : Evidence.instant(until))
                        .and("interruptions", count)));
    }
}
