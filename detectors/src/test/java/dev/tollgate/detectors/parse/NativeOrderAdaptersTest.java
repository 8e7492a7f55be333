package dev.tollgate.detectors.parse;

import dev.tollgate.detectors.model.Feed;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.OrderStatus;
import dev.tollgate.detectors.parse.DeadLetter.ErrorKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NativeOrderAdaptersTest {
    private final EventParser parser = new EventParser(ParserSettings.defaults());

    private List<OrderEvent> orders(String line) {
        ParseOutcome out = parser.parse(line, "f", null);
        assertThat(out.deadLetter()).isNull();
        return out.events().stream().map(OrderEvent.class::cast).toList();
    }

    private static final String AE_COMPLETED = "{\"type\":\"aliexpress_order\",\"program\":\"aliexpress-megabonus\","
            + "\"payload\":{\"order_id\":8123456789,\"sub_order_id\":\"81234567891\","
            + "\"order_status\":\"Buyer Confirmed Receipt\",\"created_time\":\"2026-11-20 02:00:00\","
            + "\"paid_time\":\"2026-11-20 02:05:00\",\"finished_time\":\"2026-12-01 09:00:00\","
            + "\"paid_amount\":\"2599\",\"finished_amount\":2599,\"settled_currency\":\"USD\","
            + "\"ship_to_country\":\"ES\",\"custom_parameters\":\"{\\\"clickId\\\": \\\"c123\\\"}\","
            + "\"is_new_buyer\":\"Y\",\"product_id\":1005001,\"product_title\":\"Earbuds\",\"product_count\":1,"
            + "\"category_id\":44,\"is_affiliate_product\":\"Y\"},\"label\":{\"decision\":\"CREDIT\",\"reasons\":[]}}";

    @Test
    void expandsAnAliexpressSnapshotIntoItsLifecycleInTheFeedTimeZone() {
        List<OrderEvent> events = orders(AE_COMPLETED);
        assertThat(events).extracting(OrderEvent::status)
                .containsExactly(OrderStatus.CREATED, OrderStatus.PAID, OrderStatus.COMPLETED);
        OrderEvent created = events.get(0);
        assertThat(created.orderId()).isEqualTo("8123456789");
        assertThat(created.subOrderId()).isEqualTo("81234567891");
        assertThat(created.ts()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli());
        assertThat(created.amount().value()).isEqualByComparingTo("25.99");
        assertThat(created.clickId()).isEqualTo("c123");
        assertThat(created.program()).isEqualTo("aliexpress-megabonus");
        assertThat(created.shipToCountry()).isEqualTo("ES");
        assertThat(created.items().get(0).affiliate()).isTrue();
        assertThat(created.feed()).isEqualTo(Feed.ALIEXPRESS);
        assertThat(events).extracting(OrderEvent::eventId).doesNotHaveDuplicates();
        assertThat(orders(AE_COMPLETED)).isEqualTo(events);
    }

    /**
     * Money is never rounded per unit: a sub-order of 2 units that paid 51.27 is a line worth 51.27 (rounding its unit
     * price to 25.64 or 25.63 made an order of it and a non-affiliate sub-order of 3 units for 10.00 come out at 51.26).
     */
    @Test
    void aSubOrderKeepsItsPaidAmountWhateverItsUnitCount() {
        String a = AE_COMPLETED.replace("\"paid_amount\":\"2599\",\"finished_amount\":2599", "\"paid_amount\":\"5127\"")
                .replace("\"product_count\":1", "\"product_count\":2");
        String b = AE_COMPLETED.replace("81234567891", "81234567892")
                .replace("\"paid_amount\":\"2599\",\"finished_amount\":2599", "\"paid_amount\":\"1000\"")
                .replace("\"product_count\":1", "\"product_count\":3")
                .replace("\"is_affiliate_product\":\"Y\"", "\"is_affiliate_product\":\"N\"");
        List<OrderEvent> events = new java.util.ArrayList<>(orders(a));
        events.addAll(orders(b));
        assertThat(events.get(0).items().get(0).lineValue().value()).isEqualByComparingTo("51.27");
        var assessment = dev.tollgate.detectors.testing.Cases.of(events.toArray(OrderEvent[]::new))
                .with(dev.tollgate.detectors.testing.Clicks.click("c123").program("aliexpress-megabonus")
                        .at("2026-11-20T09:30:00Z").build())
                .assess();
        assertThat(assessment.eligibleAmount().value()).isEqualByComparingTo("51.27");
        assertThat(assessment.eligibleAmount().value().scale()).isEqualTo(2);
    }

    @Test
    void mapsInvalidToCancelledRefundedOrTheNetworkSpamFlag() {
        String base = AE_COMPLETED.replace("Buyer Confirmed Receipt", "Invalid");
        assertThat(orders(base).get(2).status()).isEqualTo(OrderStatus.CANCELLED);
        String refund = base.replace("\"is_affiliate_product\"", "\"effect_detail_status\":\"FullRefund\","
                + "\"is_affiliate_product\"");
        assertThat(orders(refund).get(2).status()).isEqualTo(OrderStatus.REFUNDED);
        String spam = base.replace("\"is_affiliate_product\"", "\"effect_detail_status\":\"Antispam\","
                + "\"is_affiliate_product\"");
        assertThat(orders(spam).get(2).networkSpam()).isTrue();
    }

    @Test
    void aBareAliexpressPayloadTakesTheFeedDefaultProgram() {
        String bare = AE_COMPLETED.substring(AE_COMPLETED.indexOf("{\"order_id\""), AE_COMPLETED.indexOf(",\"label\""));
        ParseOutcome out = parser.parse(bare, "orders.aliexpress/0@1", InputType.ALIEXPRESS_ORDER);
        assertThat(((OrderEvent) out.events().get(0)).program()).isEqualTo("aliexpress-portals");
    }

    @Test
    void deadLettersCustomParametersThatAreNotJson() {
        ParseOutcome out = parser.parse(AE_COMPLETED.replace("{\\\"clickId\\\": \\\"c123\\\"}", "clickId=c123"), "f",
                null);
        assertThat(out.deadLetter().kind()).isEqualTo(ErrorKind.WRONG_TYPE);
        assertThat(out.deadLetter().reason()).contains("payload.custom_parameters");
    }

    @Test
    void deadLettersAnUnknownAliexpressStatus() {
        ParseOutcome out = parser.parse(AE_COMPLETED.replace("Buyer Confirmed Receipt", "Shipped"), "f", null);
        assertThat(out.deadLetter().kind()).isEqualTo(ErrorKind.BAD_ENUM);
        assertThat(out.deadLetter().reason()).contains("payload.order_status");
    }

    private static final String AWIN = "{\"type\":\"awin_transaction\",\"payload\":{\"id\":998877,\"advertiserId\":1,"
            + "\"publisherId\":4455,\"clickDate\":\"2026-11-20T09:00:00\",\"transactionDate\":\"2026-11-20T10:00:00\","
            + "\"validationDate\":\"2026-12-20T10:00:00\",\"commissionStatus\":\"approved\","
            + "\"clickRefs\":{\"clickRef\":\"c77\"},\"clickDevice\":\"Windows\",\"transactionDevice\":\"iPhone\","
            + "\"customerCountry\":\"us\",\"saleAmount\":{\"amount\":250.0,\"currency\":\"USD\"},"
            + "\"orderRef\":\"\",\"voucherCode\":\"SAVE10\",\"type\":\"Commission group transaction\","
            + "\"basketProducts\":[{\"productId\":\"p1\",\"productName\":\"Drill\",\"unitPrice\":125.0,"
            + "\"quantity\":2,\"category\":\"Tools\"}]}}";

    @Test
    void mapsAnAwinTransactionKeepingDevicesAndFallingBackToItsIdAsOrderId() {
        List<OrderEvent> events = orders(AWIN);
        assertThat(events).extracting(OrderEvent::status).containsExactly(OrderStatus.PAID, OrderStatus.COMPLETED);
        OrderEvent paid = events.get(0);
        assertThat(paid.orderId()).isEqualTo("998877");
        assertThat(paid.program()).isEqualTo("alibaba-awin");
        assertThat(paid.clickId()).isEqualTo("c77");
        assertThat(paid.clickDevice()).isEqualTo("Windows");
        assertThat(paid.transactionDevice()).isEqualTo("iPhone");
        assertThat(paid.buyerCountry()).isEqualTo("US");
        assertThat(paid.promoCode()).isEqualTo("SAVE10");
        assertThat(paid.ts()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli());
        assertThat(events.get(1).ts()).isEqualTo(Instant.parse("2026-12-20T10:00:00Z").toEpochMilli());
        assertThat(paid.items().get(0).lineValue().value()).isEqualByComparingTo("250.0");
    }

    @Test
    void usesOrderRefWhenPresentAndFlagsSpamDeclines() {
        String declined = AWIN.replace("\"orderRef\":\"\"", "\"orderRef\":\"ALI-1\"")
                .replace("approved", "declined").replace("\"voucherCode\"", "\"declineReason\":\"Spam traffic\","
                        + "\"voucherCode\"");
        List<OrderEvent> events = orders(declined);
        assertThat(events.get(0).orderId()).isEqualTo("ALI-1");
        assertThat(events.get(1).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(events.get(1).networkSpam()).isTrue();
    }

    @Test
    void deadLettersAnAwinRecordWithoutSaleAmount() {
        ParseOutcome out = parser.parse(AWIN.replace("\"saleAmount\"", "\"saleAmountX\""), "f", null);
        assertThat(out.deadLetter().reason()).isEqualTo("missing required field 'payload.saleAmount'");
    }
}
