package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.model.Money;
import dev.tollgate.detectors.policy.ProgramPolicy.CurrencyNotEligible;

/** CURRENCY_NOT_ELIGIBLE: seed 003, "Commission is only calculated for transactions paid in US dollars." */
public final class CurrencyRule implements OrderRule {
    static final String DETECTOR = "terms.currencyNotEligible";

    @Override
    public void evaluate(RuleContext ctx) {
        CurrencyNotEligible term = ctx.terms().currencyNotEligible();
        Money amount = ctx.order().amount();
        if (term.severity().enabled() && amount != null && !term.accepted().contains(amount.currency())) {
            ctx.add(Finding.of(ReasonCode.CURRENCY_NOT_ELIGIBLE, term.severity(), DETECTOR,
                    Evidence.of("currency", amount.currency()).and("accepted", term.accepted())));
        }
    }
}
