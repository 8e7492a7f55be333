package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.testing.Cases;
import dev.tollgate.detectors.verdict.Decision;
import org.junit.jupiter.api.Test;

import static dev.tollgate.detectors.rules.RuleAssertions.codes;
import static dev.tollgate.detectors.rules.RuleAssertions.only;
import static dev.tollgate.detectors.testing.Clicks.click;
import static dev.tollgate.detectors.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

class QualifyingClickRuleTest {

    @Test
    void excludesAnUnattributedOrder() {
        var a = Cases.of(order("o1").click(null).build()).assess();
        assertThat(only(a, ReasonCode.NO_QUALIFYING_CLICK).evidence()).contains("unattributed");
        assertThat(a.decision()).isEqualTo(Decision.EXCLUDE);
    }

    /** Seed 002: "You must click on BestPrice before buying and not after." */
    @Test
    void excludesAnOrderWhoseClickCameAfterIt() {
        var a = Cases.of(order("o1").program("aliexpress-bestprice").at("2026-11-20T10:00:00Z").build())
                .with(click("c1").program("aliexpress-bestprice").at("2026-11-20T10:05:00Z").build()).assess();
        assertThat(only(a, ReasonCode.NO_QUALIFYING_CLICK).evidence()).contains("click after order");
    }

    @Test
    void waitsForAClickThatHasNotArrivedWithinItsGrace() {
        var waiting = Cases.of(order("o1").at("2026-11-20T11:00:00Z").build()).horizon("2026-11-20T11:05:00Z")
                .assess();
        assertThat(waiting.awaitingClick()).isTrue();
        assertThat(codes(waiting)).isEmpty();
    }

    @Test
    void excludesWhenTheNamedClickIsNeverSeen() {
        var afterGrace = Cases.of(order("o1").at("2026-11-20T11:00:00Z").build()).horizon("2026-11-20T11:10:00Z")
                .assess();
        assertThat(afterGrace.awaitingClick()).isFalse();
        assertThat(only(afterGrace, ReasonCode.NO_QUALIFYING_CLICK).evidence()).contains("click never seen");

        var endOfInput = Cases.of(order("o1").build()).exhausted().assess();
        assertThat(codes(endOfInput)).containsExactly("NO_QUALIFYING_CLICK");
    }

    @Test
    void excludesAClickOfAnotherProgram() {
        var a = Cases.of(order("o1").build()).with(click("c1").program("alibaba-awin").build()).assess();
        assertThat(only(a, ReasonCode.NO_QUALIFYING_CLICK).evidence()).contains("another program");
    }

    /** Seed 004: "Activate cashback before each new order." */
    @Test
    void excludesTheSecondMegabonusOrderOnOneActivation() {
        var click = click("c1").program("aliexpress-megabonus").at("2026-11-20T10:00:00Z").build();
        var first = Cases.of(order("o1").program("aliexpress-megabonus").at("2026-11-20T10:10:00Z").build())
                .with(click).share("o1", "2026-11-20T10:10:00Z").share("o2", "2026-11-20T10:20:00Z").assess();
        var second = Cases.of(order("o2").program("aliexpress-megabonus").at("2026-11-20T10:20:00Z").build())
                .with(click).share("o1", "2026-11-20T10:10:00Z").share("o2", "2026-11-20T10:20:00Z").assess();
        assertThat(codes(first)).isEmpty();
        assertThat(only(second, ReasonCode.NO_QUALIFYING_CLICK).evidence()).contains("\"earlierOrderId\":\"o1\"");
    }

    @Test
    void allowsSeveralPortalsOrdersOnOneClick() {
        var a = Cases.of(order("o2").at("2026-11-20T10:20:00Z").build())
                .with(click("c1").at("2026-11-20T10:00:00Z").build())
                .share("o1", "2026-11-20T10:10:00Z").share("o2", "2026-11-20T10:20:00Z").assess();
        assertThat(codes(a)).isEmpty();
    }
}
