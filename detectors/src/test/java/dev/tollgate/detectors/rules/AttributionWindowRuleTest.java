package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.model.OrderStatus;
import dev.tollgate.detectors.testing.Cases;
import dev.tollgate.detectors.verdict.Decision;
import org.junit.jupiter.api.Test;

import static dev.tollgate.detectors.rules.RuleAssertions.codes;
import static dev.tollgate.detectors.rules.RuleAssertions.only;
import static dev.tollgate.detectors.testing.Clicks.click;
import static dev.tollgate.detectors.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

class AttributionWindowRuleTest {

    /** Seed 000: "It has been no longer than 4 hours since your access" - exactly 4 hours is kept. */
    @Test
    void keepsAnOrderPlacedExactlyFourHoursAfterTheClickOnAlibabaCashback() {
        var a = Cases.of(order("o1").program("alibaba-cashback-us").at("2026-11-20T14:00:00Z").build())
                .with(click("c1").program("alibaba-cashback-us").at("2026-11-20T10:00:00Z").build()).assess();
        assertThat(codes(a)).doesNotContain("OUTSIDE_ATTRIBUTION_WINDOW");
        assertThat(a.decision()).isEqualTo(Decision.CREDIT);
    }

    @Test
    void excludesAnOrderPlacedOneSecondAfterTheFourHourWindow() {
        var a = Cases.of(order("o1").program("alibaba-cashback-us").at("2026-11-20T14:00:01Z").build())
                .with(click("c1").program("alibaba-cashback-us").at("2026-11-20T10:00:00Z").build()).assess();
        assertThat(only(a, ReasonCode.OUTSIDE_ATTRIBUTION_WINDOW).evidence()).contains("\"window\":\"PT4H\"");
        assertThat(a.decision()).isEqualTo(Decision.EXCLUDE);
    }

    /** Seed 003: "Our cookie term is 3 days." */
    @Test
    void excludesAPortalsOrderPlacedFourDaysAfterTheClick() {
        var a = Cases.of(order("o1").at("2026-11-24T10:00:00Z").build())
                .with(click("c1").at("2026-11-20T10:00:00Z").build()).assess();
        assertThat(codes(a)).containsExactly("OUTSIDE_ATTRIBUTION_WINDOW");
    }

    /** Seed 004: "Pay for your purchases within a 2-hour session." The payment, not the placement, must be inside. */
    @Test
    void excludesAMegabonusOrderPaidMoreThanTwoHoursAfterActivation() {
        var a = Cases.of(
                        order("o1").program("aliexpress-megabonus").at("2026-11-20T10:30:00Z").build(),
                        order("o1").program("aliexpress-megabonus").status(OrderStatus.PAID)
                                .at("2026-11-20T12:00:01Z").build())
                .with(click("c1").program("aliexpress-megabonus").at("2026-11-20T10:00:00Z").build()).assess();
        assertThat(only(a, ReasonCode.OUTSIDE_ATTRIBUTION_WINDOW).evidence()).contains("\"anchor\":\"paid\"");
    }

    @Test
    void anUnpaidMegabonusOrderFallsOutsideTheWindowOnceEventTimePassesIt() {
        var open = Cases.of(order("o1").program("aliexpress-megabonus").at("2026-11-20T10:30:00Z").build())
                .with(click("c1").program("aliexpress-megabonus").at("2026-11-20T10:00:00Z").build());
        assertThat(codes(open.horizon("2026-11-20T11:59:00Z").assess())).isEmpty();
        var late = open.horizon("2026-11-20T12:00:01Z").assess();
        assertThat(codes(late)).containsExactly("OUTSIDE_ATTRIBUTION_WINDOW");
        assertThat(late.closedAt()).isNotNull();
    }

    /** PROGRAMS.md: alibaba-awin takes the network default of 30 days. */
    @Test
    void keepsAnAwinOrderTwentyNineDaysAfterTheClick() {
        var a = Cases.of(order("o1").program("alibaba-awin").status(OrderStatus.PAID).at("2026-12-19T10:00:00Z").build())
                .with(click("c1").program("alibaba-awin").at("2026-11-20T10:00:00Z").build()).assess();
        assertThat(codes(a)).doesNotContain("OUTSIDE_ATTRIBUTION_WINDOW");
    }
}
