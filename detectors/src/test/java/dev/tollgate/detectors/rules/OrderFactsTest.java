package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.model.OrderStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tollgate.detectors.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

class OrderFactsTest {
    @Test
    void aCancelledSubOrderLeavesTheAmountOfTheOthers() {
        var facts = new OrderFacts(List.of(
                order("o1").subOrder("s1").amount("30.00", "USD").build(),
                order("o1").subOrder("s2").amount("70.00", "USD").build(),
                order("o1").subOrder("s1").status(OrderStatus.CANCELLED).amount("30.00", "USD").build(),
                order("o1").subOrder("s2").status(OrderStatus.COMPLETED).amount("70.00", "USD").build()));
        assertThat(facts.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(facts.amount().value()).isEqualByComparingTo("70.00");
        assertThat(facts.terminalAt()).isNotNull();
    }

    @Test
    void anOrderFailsOnlyWhenEveryPartFailed() {
        var facts = new OrderFacts(List.of(
                order("o1").subOrder("s1").status(OrderStatus.CANCELLED).build(),
                order("o1").subOrder("s2").status(OrderStatus.REFUNDED).build()));
        assertThat(facts.status().failed()).isTrue();
    }

    @Test
    void staysOpenWhileAnyPartIsOpen() {
        var facts = new OrderFacts(List.of(
                order("o1").subOrder("s1").status(OrderStatus.COMPLETED).build(),
                order("o1").subOrder("s2").status(OrderStatus.PAID).build()));
        assertThat(facts.terminalAt()).isNull();
        assertThat(facts.status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void theOrderIsPlacedAtItsCreatedEventWhateverTheArrivalOrder() {
        var facts = new OrderFacts(List.of(
                order("o1").status(OrderStatus.PAID).at("2026-11-20T12:00:00Z").build(),
                order("o1").status(OrderStatus.CREATED).at("2026-11-20T11:00:00Z").click(null).build()));
        assertThat(facts.placedAt()).isEqualTo(java.time.Instant.parse("2026-11-20T11:00:00Z").toEpochMilli());
        assertThat(facts.clickId()).isEqualTo("c1");
    }
}
