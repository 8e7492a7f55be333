package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.policy.ProgramPolicy.NoQualifyingClick;

/**
 * NO_QUALIFYING_CLICK: the order names no click; or its click came after the order ("You must click on BestPrice
 * before buying and not after", seed 002); or the named click was not seen within the click grace period; or the click
 * belongs to another program; or, where the program requires one activation per order ("Activate cashback before each
 * new order", seed 004), an earlier order already used the activation.
 */
public final class QualifyingClickRule implements OrderRule {
    static final String DETECTOR = "terms.noQualifyingClick";

    @Override
    public void evaluate(RuleContext ctx) {
        NoQualifyingClick term = ctx.terms().noQualifyingClick();
        OrderFacts order = ctx.order();
        ClickEvent click = ctx.click();
        String clickId = order.clickId();
        if (clickId == null) {
            add(ctx, term, Evidence.of("why", "no click: the order is unattributed"));
            return;
        }
        if (click == null) {
            long graceEnds = order.placedAt() + ctx.settings().time().clickGrace().toMillis();
            ctx.deadline(graceEnds);
            if (ctx.kase().inputExhausted() || ctx.passed(graceEnds)) {
                add(ctx, term, Evidence.of("why", "click never seen (or forgotten after its window and retention)")
                        .and("clickId", clickId)
                        .and("waitedUntil", Evidence.instant(graceEnds)));
            } else {
                ctx.awaitClick();
            }
            return;
        }
        if (!click.program().equals(order.program())) {
            add(ctx, term, Evidence.of("why", "click for another program").and("clickId", clickId)
                    .and("clickProgram", click.program()));
            return;
        }
        if (click.ts() > order.placedAt()) {
            add(ctx, term, Evidence.of("why", "click after order").and("clickId", clickId)
                    .and("clickTs", Evidence.instant(click.ts()))
                    .and("placedAt", Evidence.instant(order.placedAt())));
            return;
        }
        if (term.oneOrderPerClick()) {
            for (OrderCase.ClickShare other : ctx.kase().clickShares()) {
                boolean earlier = other.placedAt() < order.placedAt()
                        || (other.placedAt() == order.placedAt() && other.orderId().compareTo(order.orderId()) < 0);
                if (!other.orderId().equals(order.orderId()) && earlier) {
                    add(ctx, term, Evidence.of("why", "activation already used by an earlier order")
                            .and("clickId", clickId).and("earlierOrderId", other.orderId()));
                    return;
                }
            }
        }
    }

    private static void add(RuleContext ctx, NoQualifyingClick term, Evidence evidence) {
        ctx.add(Finding.of(ReasonCode.NO_QUALIFYING_CLICK, term.severity(), DETECTOR, evidence));
    }
}
