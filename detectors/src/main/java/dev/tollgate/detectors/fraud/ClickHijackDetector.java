package dev.tollgate.detectors.fraud;

import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.model.ClickSignal.PriorClick;
import dev.tollgate.detectors.model.SessionEvent;
import dev.tollgate.detectors.model.SessionKind;
import dev.tollgate.detectors.rules.Evidence;
import dev.tollgate.detectors.rules.OrderRule;
import dev.tollgate.detectors.rules.ReasonCode;
import dev.tollgate.detectors.rules.RuleContext;

import java.time.Duration;

/**
 * CLICK_HIJACK: the click claims a purchase that was already decided or belongs to someone else — the cart was not
 * empty at activation (seed 002: "The cart must be empty"; seed 004: "Empty the Basket before activating"); the
 * attributed click came from another publisher than an earlier click of the same user or device for the same program
 * that was still inside the program's window, and less than {@code overwriteGap} (default 10 minutes) before the order
 * (seed 001: "Cookie hijacking"); or a foreign affiliate link was opened inside the activated session (seed 002:
 * "another window ... compromises"; seed 004: "Avoid clicking on advertising ... after activating"). A person who
 * clicks the same publisher twice, or another publisher long before buying, is not flagged.
 */
public final class ClickHijackDetector implements OrderRule {
    public static final String DETECTOR = "clickHijack";

    @Override
    public void evaluate(RuleContext ctx) {
        ClickEvent c = ctx.click();
        if (c == null) {
            return;
        }
        if (c.cartItems() != null && c.cartItems() > 0) {
            ctx.detect(ReasonCode.CLICK_HIJACK, DETECTOR, Evidence.of("why", "cart not empty at activation")
                    .and("cartItems", c.cartItems()));
            return;
        }
        for (SessionEvent s : ctx.kase().sessions()) {
            if (s.kind() == SessionKind.OTHER_AFFILIATE_LINK) {
                ctx.detect(ReasonCode.CLICK_HIJACK, DETECTOR, Evidence.of("why", "foreign affiliate link in session")
                        .and("sessionEventId", s.eventId()));
                return;
            }
        }
        long placed = ctx.order().placedAt();
        long gap = ctx.detectors().clickHijack().overwriteGap().toMillis();
        if (placed - c.ts() >= gap || placed < c.ts()) {
            return;
        }
        long window = ctx.terms().attributionWindow().window().toMillis();
        for (ClickSignal signal : ctx.kase().signals()) {
            for (PriorClick prior : signal.priors()) {
                boolean overwritten = prior.program().equals(c.program())
                        && !prior.publisherId().equals(c.publisherId())
                        && prior.ts() < c.ts() && placed - prior.ts() <= window;
                if (overwritten) {
                    ctx.detect(ReasonCode.CLICK_HIJACK, DETECTOR, Evidence.of("why", "overwrote another publisher")
                            .and("earlierPublisher", prior.publisherId()).and("via", signal.subject().split(":")[0])
                            .and("clickToOrder", Duration.ofMillis(placed - c.ts()))
                            .and("earlierClickAge", Duration.ofMillis(placed - prior.ts())));
                    return;
                }
            }
        }
    }
}
