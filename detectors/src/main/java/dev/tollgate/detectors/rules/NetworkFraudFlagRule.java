package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.policy.ProgramPolicy.NetworkFraudFlag;

/**
 * NETWORK_FRAUD_FLAG: the network marked the order as spam (seed 001: "Spam status meet: 'N'") or invalidated it as
 * antispam (AliExpress {@code effect_detail_status: Antispam}; seed 003: orders the portal deems fraudulent).
 */
public final class NetworkFraudFlagRule implements OrderRule {
    static final String DETECTOR = "terms.networkFraudFlag";

    @Override
    public void evaluate(RuleContext ctx) {
        NetworkFraudFlag term = ctx.terms().networkFraudFlag();
        if (term.severity().enabled() && ctx.order().networkSpam()) {
            ctx.add(Finding.of(ReasonCode.NETWORK_FRAUD_FLAG, term.severity(), DETECTOR,
                    Evidence.of("networkSpam", "Y").and("status", ctx.order().status())));
        }
    }
}
