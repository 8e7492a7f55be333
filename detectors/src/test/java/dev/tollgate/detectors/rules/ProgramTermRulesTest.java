package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.model.Channel;
import dev.tollgate.detectors.model.OrderPath;
import dev.tollgate.detectors.model.OrderStatus;
import dev.tollgate.detectors.model.SessionEvent;
import dev.tollgate.detectors.model.SessionKind;
import dev.tollgate.detectors.testing.Cases;
import dev.tollgate.detectors.verdict.Decision;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.tollgate.detectors.rules.RuleAssertions.codes;
import static dev.tollgate.detectors.rules.RuleAssertions.only;
import static dev.tollgate.detectors.testing.Clicks.click;
import static dev.tollgate.detectors.testing.Orders.item;
import static dev.tollgate.detectors.testing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

/** One nested class per program term; each test names the seed sentence it enforces. */
class OrderRulesTest {
    private static final String CASHBACK_US = "alibaba-cashback-us";

    private static Cases cashbackUs(dev.tollgate.detectors.testing.Orders o) {
        return Cases.of(o.program(CASHBACK_US).at("2026-11-20T11:00:00Z").build())
                .with(click("c1").program(CASHBACK_US).at("2026-11-20T10:00:00Z").ipCountry("US").build());
    }

    @Nested
    class OrderLimit {
        /** Seed 000: "for orders with a basket value of more than 1,000 USD" - 1,000.00 is kept. */
        @Test
        void keepsExactlyOneThousandAndExcludesOneCentMore() {
            assertThat(codes(cashbackUs(order("o1").amount("1000.00", "USD").shipTo("US")).assess())).isEmpty();
            assertThat(codes(cashbackUs(order("o1").amount("1000.01", "USD").shipTo("US")).assess()))
                    .containsExactly("ORDER_LIMIT_EXCEEDED");
        }

        /** Seed 001: "Order price below 5,000 USD" - 5,000.00 is out. */
        @Test
        void excludesAnAwinOrderOfExactlyFiveThousand() {
            var c = click("c1").program("alibaba-awin").at("2026-11-20T10:00:00Z").build();
            var at = Cases.of(order("o1").program("alibaba-awin").status(OrderStatus.PAID).amount("5000.00", "USD")
                    .build()).with(c).assess();
            var below = Cases.of(order("o1").program("alibaba-awin").status(OrderStatus.PAID)
                    .amount("4999.99", "USD").build()).with(c).assess();
            assertThat(codes(at)).containsExactly("ORDER_LIMIT_EXCEEDED");
            assertThat(codes(below)).isEmpty();
        }

        @Test
        void comparesOtherCurrenciesThroughReferenceRates() {
            var a = cashbackUs(order("o1").amount("1000.00", "EUR").shipTo("US")).assess();
            assertThat(only(a, ReasonCode.ORDER_LIMIT_EXCEEDED).severity().wire()).isEqualTo("exclude");
        }
    }

    @Nested
    class IneligibleItems {
        /** Seed 000: "virtual products (including gift certificates, coupons ...)" - item level, partial stays CREDIT. */
        @Test
        void aPartlyVirtualBasketStaysCreditWithASmallerEligibleAmount() {
            var a = cashbackUs(order("o1").amount("100.00", "USD").shipTo("US").items(
                    item("a", "60.00", "Home & Garden > Kitchen"),
                    item("b", "40.00", "Gift Cards", true, null, null, null, null))).assess();
            assertThat(a.decision()).isEqualTo(Decision.CREDIT);
            assertThat(only(a, ReasonCode.INELIGIBLE_ITEMS).severity().wire()).isEqualTo("info");
            assertThat(a.eligibleAmount().value()).isEqualByComparingTo("60.00");
        }

        @Test
        void anAllVirtualBasketIsExcluded() {
            var a = cashbackUs(order("o1").amount("40.00", "USD").shipTo("US").items(
                    item("b", "40.00", "Gift Cards", true, null, null, null, null))).assess();
            assertThat(a.decision()).isEqualTo(Decision.EXCLUDE);
            assertThat(a.eligibleAmount().value()).isEqualByComparingTo("0");
        }

        /** Seed 000: from March 23, 2020 no cashback for "Masks and respirators"; the date decides. */
        @Test
        void excludesMasksOnlyForOrdersFromMarch23rd2020() {
            String masks = "Security & Protection > Personal Protective Equipment > Masks & Respirators";
            var before = Cases.of(order("o1").program(CASHBACK_US).at("2020-03-22T12:00:00Z").shipTo("US")
                            .items(item("m", "100.00", masks)).build())
                    .with(click("c1").program(CASHBACK_US).at("2020-03-22T11:00:00Z").build()).assess();
            var after = Cases.of(order("o1").program(CASHBACK_US).at("2020-03-23T12:00:00Z").shipTo("US")
                            .items(item("m", "100.00", "Security and protection> Personal protective equipment> "
                                    + "Masks and respirators")).build())
                    .with(click("c1").program(CASHBACK_US).at("2020-03-23T11:00:00Z").build()).assess();
            assertThat(codes(before)).isEmpty();
            assertThat(codes(after)).containsExactly("INELIGIBLE_ITEMS");
        }

        /** Seed 000: "electronic cigarettes and related accessories in the USA" - delivery country decides. */
        @Test
        void excludesElectronicCigarettesOnlyForUsDelivery() {
            String cat = "Consumer Electronics > Electronic Cigarettes";
            assertThat(codes(cashbackUs(order("o1").shipTo("US").items(item("e", "100.00", cat))).assess()))
                    .containsExactly("INELIGIBLE_ITEMS");
            assertThat(codes(cashbackUs(order("o1").shipTo("CA").items(item("e", "100.00", cat))).assess()))
                    .isEmpty();
        }

        /** Seed 000: "cashback is credited only for purchases made in the 'Ready to ship' category". */
        @Test
        void excludesItemsNotReadyToShipButNotItemsWhoseFlagIsUnknown() {
            var notReady = cashbackUs(order("o1").shipTo("US").items(
                    item("a", "100.00", "Tools", null, null, null, false, null))).assess();
            var unknown = cashbackUs(order("o1").shipTo("US").items(item("a", "100.00", "Tools"))).assess();
            assertThat(codes(notReady)).containsExactly("INELIGIBLE_ITEMS");
            assertThat(codes(unknown)).isEmpty();
        }

        /** Seed 003: "applies ONLY to products of sellers from PRC"; "tmall ... and plaza ... not subject". */
        @Test
        void excludesNonChineseSellersAndTmallAndPlazaOnPortals() {
            var c = click("c1").at("2026-11-20T10:00:00Z").build();
            var a = Cases.of(order("o1").amount("90.00", "USD").items(
                    item("cn", "30.00", "Toys", null, "CN", "main", null, null),
                    item("ru", "30.00", "Toys", null, "RU", "main", null, null),
                    item("tm", "30.00", "Toys", null, "CN", "tmall", null, null)).build()).with(c).assess();
            assertThat(only(a, ReasonCode.INELIGIBLE_ITEMS).evidence())
                    .contains("seller country RU").contains("store tmall");
            assertThat(a.eligibleAmount().value()).isEqualByComparingTo("30.00");
        }

        /** Seed 003: "travel and coupon services or books are NOT subject to commission". Luggage is not travel. */
        @Test
        void excludesBooksAndTravelButNotTravelBags() {
            var c = click("c1").at("2026-11-20T10:00:00Z").build();
            assertThat(codes(Cases.of(order("o1").items(item("b", "100.00", "Books & Magazines")).build()).with(c)
                    .assess())).containsExactly("INELIGIBLE_ITEMS");
            assertThat(codes(Cases.of(order("o1").items(item("t", "100.00", "Luggage & Bags > Travel Bags")).build())
                    .with(c).assess())).isEmpty();
        }

        /** Seed 004: "To get cash back, you need to choose affiliate ones." */
        @Test
        void megabonusExcludesNonAffiliateProducts() {
            var a = Cases.of(order("o1").program("aliexpress-megabonus").items(
                            item("x", "100.00", "Toys", null, null, null, null, false)).build())
                    .with(click("c1").program("aliexpress-megabonus").at("2026-11-20T10:30:00Z").build()).assess();
            assertThat(codes(a)).containsExactly("INELIGIBLE_ITEMS");
        }
    }

    @Nested
    class IneligibleChannel {
        /** Seed 000: "for orders placed through the Contact Supplier button"; "for orders made in the Alibaba app". */
        @Test
        void excludesContactSupplierAndAppOrdersOnAlibabaCashback() {
            assertThat(codes(cashbackUs(order("o1").shipTo("US").orderPath(OrderPath.CONTACT_SUPPLIER)).assess()))
                    .containsExactly("INELIGIBLE_CHANNEL");
            assertThat(codes(cashbackUs(order("o1").shipTo("US").channel(Channel.APP)).assess()))
                    .containsExactly("INELIGIBLE_CHANNEL");
            assertThat(codes(cashbackUs(order("o1").shipTo("US").orderPath(OrderPath.START_ORDER)).assess()))
                    .isEmpty();
        }

        /** Seed 002: "a phone call by an operator, avoid it". */
        @Test
        void excludesPhoneOrdersOnBestPriceButNotOnPortals() {
            var bp = Cases.of(order("o1").program("aliexpress-bestprice").channel(Channel.PHONE).build())
                    .with(click("c1").program("aliexpress-bestprice").build()).assess();
            var portals = Cases.of(order("o1").channel(Channel.PHONE).build()).with(click("c1").build()).assess();
            assertThat(codes(bp)).containsExactly("INELIGIBLE_CHANNEL");
            assertThat(codes(portals)).isEmpty();
        }
    }

    @Nested
    class ForeignPromoCode {
        /** Seed 004: "Use only 'Megabonus' promo codes." */
        @Test
        void megabonusAcceptsItsOwnCodesOnly() {
            var c = click("c1").program("aliexpress-megabonus").at("2026-11-20T10:30:00Z").build();
            assertThat(codes(Cases.of(order("o1").program("aliexpress-megabonus").promo("MEGA10").build()).with(c)
                    .assess())).isEmpty();
            assertThat(codes(Cases.of(order("o1").program("aliexpress-megabonus").promo("SAVE5").build()).with(c)
                    .assess())).containsExactly("FOREIGN_PROMO_CODE");
        }

        /** Seed 000: "you also did not use third-party promo codes"; seed 003: "discount codes: allowed". */
        @Test
        void alibabaCashbackRejectsThirdPartyCodesWhilePortalsAllowsAny() {
            assertThat(codes(cashbackUs(order("o1").shipTo("US").promo("SMARTY5")).assess())).isEmpty();
            assertThat(codes(cashbackUs(order("o1").shipTo("US").promo("BLOGGER20")).assess()))
                    .containsExactly("FOREIGN_PROMO_CODE");
            assertThat(codes(Cases.of(order("o1").promo("BLOGGER20").build()).with(click("c1").build()).assess()))
                    .isEmpty();
        }

        @Test
        void readsAForeignCodeEnteredInTheSession() {
            var c = click("c1").program("aliexpress-megabonus").at("2026-11-20T10:30:00Z").build();
            var a = Cases.of(order("o1").program("aliexpress-megabonus").build()).with(c)
                    .session(new SessionEvent("s1", c.ts() + 60_000, "c1", SessionKind.PROMO_CODE_ENTERED, "HONEY15"))
                    .assess();
            assertThat(codes(a)).containsExactly("FOREIGN_PROMO_CODE");
        }
    }

    @Nested
    class NotCompleted {
        /** Seed 003: "transactions ... that are cancelled or refunded shall not be deemed as a Qualified Purchase". */
        @Test
        void excludesCancelledAndRefundedOrders() {
            var c = click("c1").at("2026-11-20T10:00:00Z").build();
            for (OrderStatus s : new OrderStatus[] {OrderStatus.CANCELLED, OrderStatus.REFUNDED,
                    OrderStatus.DISPUTED}) {
                var a = Cases.of(order("o1").build(), order("o1").status(s).at("2026-11-21T10:00:00Z").build())
                        .with(c).assess();
                assertThat(codes(a)).as(s.name()).containsExactly("NOT_COMPLETED");
                assertThat(a.closedAt()).isNotNull();
            }
        }

        /** Seed 004: "a dispute or refund removes the cashback" - also after completion. */
        @Test
        void aRefundAfterCompletionWins() {
            var a = Cases.of(order("o1").program("aliexpress-megabonus").build(),
                            order("o1").program("aliexpress-megabonus").status(OrderStatus.PAID).build(),
                            order("o1").program("aliexpress-megabonus").status(OrderStatus.COMPLETED)
                                    .at("2026-11-25T10:00:00Z").build(),
                            order("o1").program("aliexpress-megabonus").status(OrderStatus.REFUNDED)
                                    .at("2026-11-26T10:00:00Z").build())
                    .with(click("c1").program("aliexpress-megabonus").at("2026-11-20T10:30:00Z").build()).assess();
            assertThat(codes(a)).containsExactly("NOT_COMPLETED");
        }

        /** Seed 001: "days between Order Completed Date and Order Paid Date must be less than 180 days". */
        @Test
        void excludesAnAwinOrderCompleted180DaysAfterPayment() {
            var c = click("c1").program("alibaba-awin").at("2026-01-01T09:00:00Z").build();
            var paid = order("o1").program("alibaba-awin").status(OrderStatus.PAID).at("2026-01-01T10:00:00Z").build();
            var in179 = Cases.of(paid, order("o1").program("alibaba-awin").status(OrderStatus.COMPLETED)
                    .at("2026-06-29T10:00:00Z").build()).with(c).assess();
            var at180 = Cases.of(paid, order("o1").program("alibaba-awin").status(OrderStatus.COMPLETED)
                    .at("2026-06-30T10:00:00Z").build()).with(c).assess();
            assertThat(codes(in179)).isEmpty();
            assertThat(codes(at180)).containsExactly("NOT_COMPLETED");
        }

        @Test
        void excludesAnAwinOrderStillOpenWhenEventTimePasses180DaysAfterPayment() {
            var c = click("c1").program("alibaba-awin").at("2026-01-01T09:00:00Z").build();
            var paid = order("o1").program("alibaba-awin").status(OrderStatus.PAID).at("2026-01-01T10:00:00Z").build();
            var open = Cases.of(paid).with(c).horizon("2026-06-01T00:00:00Z").assess();
            assertThat(codes(open)).isEmpty();
            assertThat(open.deadlines()).contains(Instant.parse("2026-06-30T10:00:00Z").toEpochMilli());
            var expired = Cases.of(paid).with(c).horizon("2026-06-30T10:00:00Z").assess();
            assertThat(codes(expired)).containsExactly("NOT_COMPLETED");
        }

        /** Seed 000 credits the paid order ("2.70% Paid order"): no completion needed. */
        @Test
        void alibabaCashbackCreditsAPaidOrder() {
            var a = cashbackUs(order("o1").status(OrderStatus.PAID).shipTo("US")).assess();
            assertThat(a.decision()).isEqualTo(Decision.CREDIT);
        }
    }

    @Nested
    class Currency {
        /** Seed 003: "Commission is only calculated for transactions paid in US dollars." */
        @Test
        void excludesAPortalsOrderPaidInEuro() {
            var a = Cases.of(order("o1").amount("50.00", "EUR").build()).with(click("c1").build()).assess();
            assertThat(codes(a)).containsExactly("CURRENCY_NOT_ELIGIBLE");
        }
    }

    @Nested
    class NetworkFraudFlag {
        /** Seed 001: "Spam status meet: 'N'"; REASON-CODES: an order invalidated as spam is not NOT_COMPLETED. */
        @Test
        void aSpamInvalidatedOrderCarriesTheNetworkFlagOnly() {
            var c = click("c1").at("2026-11-20T10:00:00Z").build();
            var a = Cases.of(order("o1").build(), order("o1").status(OrderStatus.CANCELLED).spam(true).build())
                    .with(c).assess();
            assertThat(codes(a)).containsExactly("NETWORK_FRAUD_FLAG");
            assertThat(a.score()).isGreaterThan(0.5);
        }
    }

    @Nested
    class TrackingBlocked {
        /** Seed 002: "... or with an ad blocker"; seed 003 states no such term. */
        @Test
        void excludesAnAdBlockedActivationOnBestPriceOnly() {
            var bp = Cases.of(order("o1").program("aliexpress-bestprice").build())
                    .with(click("c1").program("aliexpress-bestprice").adBlocker(true).build()).assess();
            var portals = Cases.of(order("o1").build()).with(click("c1").adBlocker(true).build()).assess();
            assertThat(codes(bp)).containsExactly("TRACKING_BLOCKED");
            assertThat(codes(portals)).isEmpty();
        }
    }

    @Nested
    class CommissionCap {
        /** Seed 003: "The limitation of total commission for each order is $50." (6.3 % of 793.65 = 50) */
        @Test
        void capsTheEligibleBaseAndStaysCredit() {
            var a = Cases.of(order("o1").amount("2000.00", "USD").build()).with(click("c1").build()).assess();
            assertThat(a.decision()).isEqualTo(Decision.CREDIT);
            assertThat(only(a, ReasonCode.COMMISSION_CAPPED).severity().wire()).isEqualTo("info");
            assertThat(a.eligibleAmount().value()).isEqualByComparingTo("793.65");
        }
    }

    @Nested
    class SanctionedOrigin {
        /** Seed 000: "Cashback is not credited: for orders with delivery country - China." */
        @Test
        void excludesChinaDeliveryOnAlibabaCashbackButNotAChineseClickIp() {
            assertThat(codes(cashbackUs(order("o1").shipTo("CN")).assess())).containsExactly("SANCTIONED_ORIGIN");
            var cnIp = Cases.of(order("o1").program(CASHBACK_US).shipTo("US").at("2026-11-20T11:00:00Z").build())
                    .with(click("c1").program(CASHBACK_US).ipCountry("CN").at("2026-11-20T10:00:00Z").build())
                    .assess();
            assertThat(codes(cnIp)).isEmpty();
        }

        /** Seed 001: "We do NOT accept traffic from Mainland China, India, Nigeria, Cuba, Iran, and North Korea". */
        @Test
        void excludesAwinTrafficFromIndia() {
            var a = Cases.of(order("o1").program("alibaba-awin").status(OrderStatus.PAID).shipTo("US").build())
                    .with(click("c1").program("alibaba-awin").ipCountry("IN").build()).assess();
            assertThat(only(a, ReasonCode.SANCTIONED_ORIGIN).evidence()).contains("\"click_ip\":\"IN\"");
        }

        @Test
        void appliesComprehensiveSanctionsToEveryProgramOnTheOrderDate() {
            var iran = Cases.of(order("o1").buyerCountry("IR").build()).with(click("c1").build()).assess();
            assertThat(only(iran, ReasonCode.SANCTIONED_ORIGIN).evidence()).contains("comprehensive sanctions");
            var syria2026 = Cases.of(order("o1").shipTo("SY").build()).with(click("c1").build()).assess();
            assertThat(codes(syria2026)).isEmpty();
            var syria2024 = Cases.of(order("o1").shipTo("SY").at("2024-05-01T11:00:00Z").build())
                    .with(click("c1").at("2024-05-01T10:00:00Z").build()).assess();
            assertThat(codes(syria2024)).containsExactly("SANCTIONED_ORIGIN");
        }
    }
}
