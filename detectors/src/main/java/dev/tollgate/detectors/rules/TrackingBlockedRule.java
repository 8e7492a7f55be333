package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.policy.ProgramPolicy.TrackingBlocked;

/**
 * TRACKING_BLOCKED: a blocker was detected at activation (seed 000: "You do not use ... ad blocking applications";
 * seed 002: "not limit them ... with an ad blocker"; seed 004: "Turn off all third-party extensions and ad-blockers").
 */
public final class TrackingBlockedRule implements OrderRule {
    static final String DETECTOR = "terms.trackingBlocked";

    @Override
    public void evaluate(RuleContext ctx) {
        TrackingBlocked term = ctx.terms().trackingBlocked();
        if (term.severity().enabled() && ctx.click() != null && Boolean.TRUE.equals(ctx.click().adBlocker())) {
            ctx.add(Finding.of(ReasonCode.TRACKING_BLOCKED, term.severity(), DETECTOR,
                    Evidence.of("adBlocker", true).and("clickId", ctx.click().clickId())));
        }
    }
}
