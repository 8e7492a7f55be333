package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.model.Money;
import dev.tollgate.detectors.policy.ProgramPolicy.OrderLimit;
import dev.tollgate.detectors.policy.Severity;

/**
 * ORDER_LIMIT_EXCEEDED: the order value is above the program's limit ("more than 1,000 USD", seed 000: 1,000.00 is
 * kept) or not below it ("below 5,000 USD", seed 001: 5,000.00 is out). Another currency is compared through the
 * reference rates; without a rate the order is held for review rather than guessed.
 */
public final class OrderLimitRule implements OrderRule {
    static final String DETECTOR = "terms.orderLimit";

    @Override
    public void evaluate(RuleContext ctx) {
        OrderLimit term = ctx.terms().orderLimit();
        Money amount = ctx.order().amount();
        if (!term.severity().enabled() || amount == null) {
            return;
        }
        Money inLimitCurrency = ctx.convert(amount, term.max().currency());
        if (inLimitCurrency == null) {
            Severity sev = term.severity() == Severity.EXCLUDE ? Severity.REVIEW : term.severity();
            ctx.add(Finding.of(ReasonCode.ORDER_LIMIT_EXCEEDED, sev, DETECTOR,
                    Evidence.of("why", "no reference rate to compare").and("amount", amount).and("limit", term.max())));
            return;
        }
        int cmp = inLimitCurrency.compareValue(term.max());
        boolean over = term.inclusive() ? cmp > 0 : cmp >= 0;
        if (over) {
            ctx.add(Finding.of(ReasonCode.ORDER_LIMIT_EXCEEDED, term.severity(), DETECTOR,
                    Evidence.of("amount", amount).and("limit", term.max())
                            .and("limitKind", term.inclusive() ? "at most" : "below")));
        }
    }
}
