package dev.tollgate.detectors.fraud;

import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.Placement;
import dev.tollgate.detectors.rules.Evidence;
import dev.tollgate.detectors.rules.OrderRule;
import dev.tollgate.detectors.rules.ReasonCode;
import dev.tollgate.detectors.rules.RuleContext;

/**
 * POPUP_TRAFFIC: the click came from a popup or pop-under window — placement {@code popup}, or a referrer on the
 * configured list of pop-under ad networks (popads, popcash, propellerads, adsterra, clickadu, hilltopads, rollerads,
 * galaksion, ...), whatever interactions the click records: a pop-under window the visitor then clicked around in
 * is still popup traffic (seed 001: "Popup window traffic"; seed 003: "Pop-ups ... strictly forbidden").
 */
public final class PopupDetector implements OrderRule {
    public static final String DETECTOR = "popup";

    @Override
    public void evaluate(RuleContext ctx) {
        ClickEvent c = ctx.click();
        if (c == null) {
            return;
        }
        if (c.placement() == Placement.POPUP) {
            ctx.detect(ReasonCode.POPUP_TRAFFIC, DETECTOR, Evidence.of("placement", c.placement()));
            return;
        }
        String host = ctx.reference().url(c.referrer()).host();
        if (host.isEmpty()) {
            return;
        }
        for (String network : ctx.detectors().popup().popunderNetworks()) {
            if (host.contains(network)) {
                ctx.detect(ReasonCode.POPUP_TRAFFIC, DETECTOR, Evidence.of("referrerHost", host)
                        .and("network", network).and("interactions", c.interactions()));
                return;
            }
        }
    }
}
