package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.model.Item;
import dev.tollgate.detectors.model.Money;
import dev.tollgate.detectors.model.OrderStatus;
import dev.tollgate.detectors.model.SessionEvent;
import dev.tollgate.detectors.model.SessionKind;
import dev.tollgate.detectors.testing.Cases;
import dev.tollgate.detectors.verdict.Assessment;
import dev.tollgate.detectors.verdict.Decision;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;

import static dev.tollgate.detectors.rules.RuleAssertions.codes;
import static dev.tollgate.detectors.rules.RuleAssertions.only;
import static dev.tollgate.detectors.testing.Clicks.click;
import static dev.tollgate.detectors.testing.Orders.item;
import static dev.tollgate.detectors.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

/** SESSION_INTERRUPTED (seeds 002 and 004) and SERVICE_FEE_EXCLUDED (seed 003), each with its seed sentence. */
class SessionAndServiceFeeRulesTest {
    private static final String BESTPRICE = "aliexpress-bestprice";
    private static final String MEGABONUS = "aliexpress-megabonus";
    private static final String CLICK_AT = "2026-11-20T10:00:00Z";

    private static SessionEvent session(String at, SessionKind kind) {
        return new SessionEvent("s-" + at, Instant.parse(at).toEpochMilli(), "c1", kind, null);
    }

    /** A completed order of {@code program} placed (and, unless given, paid) at {@code placed}. */
    private static Cases placedAndPaid(String program, String placed, String paid) {
        return Cases.of(
                order("o1").program(program).at(placed).build(),
                order("o1").program(program).status(OrderStatus.PAID)
                        .at(paid).build())
                .with(click("c1").program(program).at(CLICK_AT).build());
    }

    @Nested
    class SessionInterrupted {
        /**
         * Seed 002: "you must never abandon the AliExpress window that opened following the click on BestPrice ... our
         * cookies may be compromised": review, since it "may" be.
         */
        @ParameterizedTest
        @EnumSource(value = SessionKind.class, names = {"TAB_SWITCHED", "WINDOW_CLOSED", "CONNECTION_LOST"})
        void leavingTheBestPriceWindowBeforeTheOrderHoldsItForReview(SessionKind kind) {
            Assessment a = placedAndPaid(BESTPRICE, "2026-11-20T10:30:00Z", "2026-11-20T10:35:00Z")
                    .session(session("2026-11-20T10:10:00Z", kind)).assess();
            assertThat(codes(a)).containsExactly("SESSION_INTERRUPTED");
            assertThat(a.decision()).isEqualTo(Decision.REVIEW);
            assertThat(only(a, ReasonCode.SESSION_INTERRUPTED).evidence())
                    .contains(kind.name().toLowerCase(java.util.Locale.ROOT)).contains("2026-11-20T10:10:00Z");
        }

        /** On BestPrice the session rule ends with the order: an interruption after it was placed changes nothing. */
        @Test
        void anInterruptionAfterTheBestPriceOrderWasPlacedChangesNothing() {
            Assessment a = placedAndPaid(BESTPRICE, "2026-11-20T10:30:00Z", "2026-11-20T10:35:00Z")
                    .session(session("2026-11-20T10:31:00Z", SessionKind.WINDOW_CLOSED)).assess();
            assertThat(codes(a)).isEmpty();
            assertThat(codes(placedAndPaid(BESTPRICE, "2026-11-20T10:30:00Z", "2026-11-20T10:35:00Z")
                    .session(session("2026-11-20T10:30:00Z", SessionKind.TAB_SWITCHED)).assess())).isEmpty();
        }

        /**
         * Seed 004: "If your Internet connection fails, the cash back activation session will be over"; "Make sure
         * your payment gets through before closing the page with the order": on Megabonus the session runs to payment
         * and its end excludes.
         */
        @Test
        void aMegabonusSessionLostBetweenOrderAndPaymentExcludes() {
            Assessment a = placedAndPaid(MEGABONUS, "2026-11-20T10:30:00Z", "2026-11-20T10:50:00Z")
                    .session(session("2026-11-20T10:40:00Z", SessionKind.CONNECTION_LOST)).assess();
            assertThat(codes(a)).containsExactly("SESSION_INTERRUPTED");
            assertThat(a.decision()).isEqualTo(Decision.EXCLUDE);
            assertThat(only(a, ReasonCode.SESSION_INTERRUPTED).evidence()).contains("paidAt");
        }

        /** Seed 004: "place an order in the same tab on the store's website that opened after switching". */
        @Test
        void aMegabonusTabSwitchBeforeTheOrderExcludes() {
            assertThat(codes(placedAndPaid(MEGABONUS, "2026-11-20T10:30:00Z", "2026-11-20T10:30:00Z")
                    .session(session("2026-11-20T10:05:00Z", SessionKind.TAB_SWITCHED)).assess()))
                    .containsExactly("SESSION_INTERRUPTED");
        }

        @Test
        void aMegabonusPageClosedAfterPaymentChangesNothing() {
            assertThat(codes(placedAndPaid(MEGABONUS, "2026-11-20T10:30:00Z", "2026-11-20T10:50:00Z")
                    .session(session("2026-11-20T10:51:00Z", SessionKind.WINDOW_CLOSED)).assess())).isEmpty();
        }

        /** Until payment arrives the Megabonus session is still open, so an interruption already counts. */
        @Test
        void aMegabonusOrderNotPaidYetCountsAnInterruptionAfterItWasPlaced() {
            Assessment a = Cases.of(order("o1").program(MEGABONUS)
                            .at("2026-11-20T10:30:00Z").build())
                    .with(click("c1").program(MEGABONUS).at(CLICK_AT).build())
                    .session(session("2026-11-20T10:40:00Z", SessionKind.WINDOW_CLOSED)).assess();
            assertThat(codes(a)).contains("SESSION_INTERRUPTED");
        }

        /** Only programs whose seed states a session rule use it (REASON-CODES.md). */
        @Test
        void programsWithoutASessionRuleIgnoreInterruptions() {
            for (String program : new String[] {"aliexpress-portals", "alibaba-awin"}) {
                assertThat(codes(placedAndPaid(program, "2026-11-20T10:30:00Z", "2026-11-20T10:35:00Z")
                        .session(session("2026-11-20T10:10:00Z", SessionKind.TAB_SWITCHED)).assess()))
                        .as(program).isEmpty();
            }
        }

        @Test
        void otherSessionKindsAndEventsBeforeTheClickDoNotInterrupt() {
            assertThat(codes(placedAndPaid(BESTPRICE, "2026-11-20T10:30:00Z", "2026-11-20T10:35:00Z")
                    .session(session("2026-11-20T10:10:00Z", SessionKind.CART_RESTORED)).assess())).isEmpty();
            assertThat(codes(placedAndPaid(BESTPRICE, "2026-11-20T10:30:00Z", "2026-11-20T10:35:00Z")
                    .session(session("2026-11-20T09:59:00Z", SessionKind.TAB_SWITCHED)).assess())).isEmpty();
        }

        @Test
        void countsEveryInterruptionAndShowsTheFirst() {
            Assessment a = placedAndPaid(BESTPRICE, "2026-11-20T10:30:00Z", "2026-11-20T10:35:00Z")
                    .session(session("2026-11-20T10:20:00Z", SessionKind.CONNECTION_LOST))
                    .session(session("2026-11-20T10:10:00Z", SessionKind.TAB_SWITCHED)).assess();
            assertThat(only(a, ReasonCode.SESSION_INTERRUPTED).evidence()).contains("tab_switched")
                    .contains("\"interruptions\":2");
        }
    }

    @Nested
    class ServiceFee {
        private static Cases portals(dev.tollgate.detectors.testing.Orders o) {
            return Cases.of(o.program("aliexpress-portals").at("2026-11-20T11:00:00Z").build())
                    .with(click("c1").program("aliexpress-portals").at(CLICK_AT).build());
        }

        private static Item priced(String sku, int quantity, String unit) {
            return new Item(sku, "item " + sku, "Home & Garden > Kitchen", quantity, Money.of(unit, "USD"), null, "CN",
                    null, null, null);
        }

        /**
         * Seed 003: "For products purchased by EU buyers on AliExpress.com, an additional service fee of up to 8% of the
         * Product Price is charged by third party service provider which is NOT subject to commission."
         */
        @Test
        void anEuBuyersFeeIsCutFromTheEligibleAmount() {
            Assessment a = portals(order("o1").amount("108.00", "USD").shipTo("DE")
                    .items(priced("a", 2, "25.00"), priced("b", 1, "50.00"))).assess();
            assertThat(a.decision()).isEqualTo(Decision.CREDIT);
            Finding f = only(a, ReasonCode.SERVICE_FEE_EXCLUDED);
            assertThat(f.severity().wire()).isEqualTo("info");
            assertThat(f.evidence()).contains("\"serviceFee\":{\"value\":\"8.00\"");
            assertThat(a.eligibleAmount()).isEqualTo(Money.of("100.00", "USD"));
        }

        /** The buyer's country decides before the delivery country. */
        @Test
        void theBuyerCountryComesBeforeTheDeliveryCountry() {
            Assessment euBuyer = portals(order("o1").amount("54.00", "USD").buyerCountry("FR").shipTo("NO")
                    .items(priced("a", 1, "50.00"))).assess();
            Assessment nonEuBuyer = portals(order("o1").amount("54.00", "USD").buyerCountry("NO").shipTo("FR")
                    .items(priced("a", 1, "50.00"))).assess();
            assertThat(codes(euBuyer)).containsExactly("SERVICE_FEE_EXCLUDED");
            assertThat(codes(nonEuBuyer)).isEmpty();
            assertThat(nonEuBuyer.eligibleAmount()).isEqualTo(Money.of("54.00", "USD"));
        }

        @Test
        void anAmountEqualToTheItemPricesOrItemsWithoutPricesAreLeftAlone() {
            Assessment equal = portals(order("o1").amount("50.00", "USD").shipTo("PL")
                    .items(priced("a", 2, "25.00"))).assess();
            Assessment unpriced = portals(order("o1").amount("60.00", "USD").shipTo("PL")
                    .items(priced("a", 1, "50.00"), new Item("b", "b", null, 1, null, null, null, null, null, null)))
                    .assess();
            Assessment noItems = portals(order("o1").amount("60.00", "USD").shipTo("PL")).assess();
            assertThat(codes(equal)).isEmpty();
            assertThat(codes(unpriced)).isEmpty();
            assertThat(unpriced.eligibleAmount()).isEqualTo(Money.of("60.00", "USD"));
            assertThat(codes(noItems)).isEmpty();
        }

        /** Only AliExpress Portals and the programs extending it carry the seed 003 term. */
        @Test
        void alibabaProgramsKeepThePaidAmount() {
            Assessment a = Cases.of(order("o1").program("alibaba-awin").status(OrderStatus.PAID).amount("108.00", "USD")
                            .shipTo("DE").items(priced("a", 1, "100.00")).build())
                    .with(click("c1").program("alibaba-awin").at(CLICK_AT).build()).assess();
            assertThat(codes(a)).isEmpty();
            assertThat(a.eligibleAmount()).isEqualTo(Money.of("108.00", "USD"));
        }

        /** Item exclusions come first, the fee next, the commission cap last. */
        @Test
        void combinesWithItemExclusionsAndTheCommissionCap() {
            Assessment mixed = portals(order("o1").amount("162.00", "USD").shipTo("ES").items(priced("a", 1, "100.00"),
                    item("t", "50.00", "Home & Garden > Kitchen", null, "CN", "tmall", null, null))).assess();
            assertThat(codes(mixed)).containsExactlyInAnyOrder("INELIGIBLE_ITEMS", "SERVICE_FEE_EXCLUDED");
            assertThat(mixed.eligibleAmount()).isEqualTo(Money.of("100.00", "USD"));

            Assessment big = portals(order("o1").amount("1080.00", "USD").shipTo("IT")
                    .items(priced("a", 1, "1000.00"))).assess();
            assertThat(codes(big)).containsExactlyInAnyOrder("SERVICE_FEE_EXCLUDED", "COMMISSION_CAPPED");
            assertThat(big.eligibleAmount()).isEqualTo(Money.of("793.65", "USD"));
            assertThat(only(big, ReasonCode.COMMISSION_CAPPED).evidence()).contains("\"base\":{\"value\":\"1000.00\"");
        }

        /** Prices are summed exactly and rounded once: 3 x 33.335 is 100.005, which rounds to 100.01. */
        @Test
        void sumsUnitPricesExactly() {
            Assessment a = portals(order("o1").amount("108.00", "USD").shipTo("DE")
                    .items(priced("a", 3, "33.335"))).assess();
            assertThat(a.eligibleAmount()).isEqualTo(Money.of("100.01", "USD"));
        }
    }
}
