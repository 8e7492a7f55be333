package dev.tollgate.detectors.fraud;

import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.Placement;
import dev.tollgate.detectors.rules.Evidence;
import dev.tollgate.detectors.rules.OrderRule;
import dev.tollgate.detectors.rules.ReasonCode;
import dev.tollgate.detectors.rules.RuleContext;

/**
 * COOKIE_STUFFING, per click: the attributed click was not a deliberate click because it came from a hidden element —
 * placement {@code iframe}, or a viewport of at most {@code hiddenMaxPx} (default 1) pixels in either direction
 * (REASON-CODES; seeds 001, 003 forbid stuffing). The cross-program burst and the publisher delay profile come from
 * the click trails ({@link ClickTrailAnalyzer}, {@link PublisherDelayProfile}). A missing interaction count alone is
 * never enough: many honest click-outs carry no page telemetry.
 */
public final class CookieStuffingDetector implements OrderRule {
    public static final String DETECTOR = "cookieStuffing.hiddenPlacement";

    @Override
    public void evaluate(RuleContext ctx) {
        ClickEvent c = ctx.click();
        if (c == null) {
            return;
        }
        int max = ctx.detectors().cookieStuffing().hiddenMaxPx();
        boolean tiny = (c.viewportW() != null && c.viewportW() <= max) || (c.viewportH() != null && c.viewportH() <= max);
        if (c.placement() == Placement.IFRAME || tiny) {
            ctx.detect(ReasonCode.COOKIE_STUFFING, DETECTOR, Evidence.of("placement", c.placement())
                    .and("viewportW", c.viewportW()).and("viewportH", c.viewportH())
                    .and("interactions", c.interactions()));
        }
    }
}
