package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.policy.ProgramPolicy.AttributionWindow;

import java.time.Duration;

/**
 * OUTSIDE_ATTRIBUTION_WINDOW: the order was placed (or, for anchor {@code paid}, paid) later after its click than the
 * program allows. "Within N hours" keeps exactly N hours. A click after the order is NO_QUALIFYING_CLICK, not this.
 * For a {@code paid} anchor, an order still unpaid when event time passes the window is outside it too.
 */
public final class AttributionWindowRule implements OrderRule {
    static final String DETECTOR = "terms.attributionWindow";

    @Override
    public void evaluate(RuleContext ctx) {
        AttributionWindow term = ctx.terms().attributionWindow();
        ClickEvent click = ctx.click();
        if (!term.severity().enabled() || click == null || click.ts() > ctx.order().placedAt()) {
            return;
        }
        long windowMs = term.window().toMillis();
        long deadline = click.ts() + windowMs;
        Long anchorTs = term.anchor() == AttributionWindow.Anchor.PAID ? ctx.order().paidAt()
                : Long.valueOf(ctx.order().placedAt());
        if (anchorTs == null) {
            ctx.deadline(deadline + 1);
            if (ctx.passed(deadline + 1)) {
                ctx.add(Finding.of(ReasonCode.OUTSIDE_ATTRIBUTION_WINDOW, term.severity(), DETECTOR,
                        Evidence.of("anchor", term.anchor()).and("window", term.window())
                                .and("clickTs", Evidence.instant(click.ts()))
                                .and("notReachedBy", Evidence.instant(deadline))));
                ctx.closedAt(deadline + 1);
            }
            return;
        }
        long elapsed = anchorTs - click.ts();
        if (elapsed > windowMs) {
            ctx.add(Finding.of(ReasonCode.OUTSIDE_ATTRIBUTION_WINDOW, term.severity(), DETECTOR,
                    Evidence.of("anchor", term.anchor()).and("window", term.window())
                            .and("elapsed", Duration.ofMillis(elapsed))
                            .and("clickTs", Evidence.instant(click.ts()))
                            .and("anchorTs", Evidence.instant(anchorTs))));
        }
    }
}
