package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.model.Money;
import dev.tollgate.detectors.policy.ProgramPolicy.CommissionCapped;

import java.math.MathContext;

/**
 * COMMISSION_CAPPED (informational): seed 003, "The limitation of total commission for each order is $50." The
 * eligible amount is cut to the base whose commission at the program rate equals the cap. Runs after item exclusions.
 */
public final class CommissionCapRule implements OrderRule {
    static final String DETECTOR = "terms.commissionCapped";

    @Override
    public void evaluate(RuleContext ctx) {
        CommissionCapped term = ctx.terms().commissionCapped();
        Money eligible = ctx.eligibleAmount();
        if (!term.severity().enabled() || eligible == null) {
            return;
        }
        Money capInOrderCurrency = ctx.convert(term.maxCommission(), eligible.currency());
        if (capInOrderCurrency == null) {
            return;
        }
        Money maxBase = new Money(capInOrderCurrency.value().divide(term.rate(), MathContext.DECIMAL64),
                eligible.currency()).rounded();
        if (eligible.compareValue(maxBase) > 0) {
            ctx.eligibleAmount(maxBase);
            ctx.add(Finding.of(ReasonCode.COMMISSION_CAPPED, term.severity(), DETECTOR,
                    Evidence.of("base", eligible.rounded()).and("cappedBase", maxBase).and("rate", term.rate())
                            .and("maxCommission", term.maxCommission())));
        }
    }
}
