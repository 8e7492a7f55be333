package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.policy.ProgramPolicy.IneligibleChannel;

/**
 * INELIGIBLE_CHANNEL: ordered in the merchant app or through "Contact Supplier" (seed 000: "for orders placed through
 * the Contact Supplier button", "for orders made in the Alibaba app"), or by phone (seed 002: "a phone call by an
 * operator, avoid it").
 */
public final class ChannelRule implements OrderRule {
    static final String DETECTOR = "terms.ineligibleChannel";

    @Override
    public void evaluate(RuleContext ctx) {
        IneligibleChannel term = ctx.terms().ineligibleChannel();
        if (!term.severity().enabled()) {
            return;
        }
        var channel = ctx.order().channel();
        if (channel != null && term.channels() != null && term.channels().contains(channel)) {
            ctx.add(Finding.of(ReasonCode.INELIGIBLE_CHANNEL, term.severity(), DETECTOR,
                    Evidence.of("channel", channel)));
        }
        var path = ctx.order().orderPath();
        if (path != null && term.orderPaths() != null && term.orderPaths().contains(path)) {
            ctx.add(Finding.of(ReasonCode.INELIGIBLE_CHANNEL, term.severity(), DETECTOR,
                    Evidence.of("orderPath", path)));
        }
    }
}
