package dev.tollgate.detectors.parse;

import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.OrderStatus;
import dev.tollgate.detectors.model.Placement;
import dev.tollgate.detectors.model.SessionEvent;
import dev.tollgate.detectors.model.SessionKind;
import dev.tollgate.detectors.parse.DeadLetter.ErrorKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EventParserTest {
    private final EventParser parser = new EventParser(ParserSettings.defaults());

    private static final String CLICK = """
            {"type":"click","eventId":"e1","clickId":"c1","ts":"2026-11-20T10:15:30.120Z","program":"aliexpress-portals",
             "publisherId":"p1","ip":"203.0.113.9","ipCountry":"no","placement":"iframe","viewport":{"w":0,"h":0},
             "interactions":0,"cartItems":2,"adBlocker":true,"someFutureField":{"x":1}}""".replace("\n", "");

    @Test
    void readsAClickWithEveryFieldAndIgnoresUnknownFields() {
        ParseOutcome out = parser.parse(CLICK, "f.jsonl", null);
        assertThat(out.isDead()).isFalse();
        ClickEvent c = (ClickEvent) out.events().get(0);
        assertThat(c.ts()).isEqualTo(Instant.parse("2026-11-20T10:15:30.120Z").toEpochMilli());
        assertThat(c.ipCountry()).isEqualTo("NO");
        assertThat(c.placement()).isEqualTo(Placement.IFRAME);
        assertThat(c.viewportW()).isZero();
        assertThat(c.cartItems()).isEqualTo(2);
        assertThat(c.adBlocker()).isTrue();
        assertThat(c.userId()).isNull();
    }

    @Test
    void readsAnOrderWithItemsMoneyAsNumberOrStringAndItsLabel() {
        String line = """
                {"type":"order","eventId":"o1:created","orderId":"o1","status":"created","ts":"2026-11-20T11:00:00+01:00",
                 "program":"alibaba-cashback-us","clickId":"c1","channel":"web","orderPath":"start_order",
                 "amount":{"value":120.5,"currency":"USD"},"networkSpam":"N","newBuyer":true,
                 "items":[{"sku":"s1","category":"A > B","quantity":2,"unitPrice":{"value":"60.25","currency":"USD"},
                 "virtual":false,"store":"main","readyToShip":true,"affiliate":true,"sellerCountry":"CN"}],
                 "label":{"decision":"CREDIT","reasons":[]}}""".replace("\n", "");
        ParseOutcome out = parser.parse(line, "f.jsonl", null);
        OrderEvent o = (OrderEvent) out.events().get(0);
        assertThat(o.ts()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli());
        assertThat(o.amount().value()).isEqualByComparingTo("120.5");
        assertThat(o.networkSpam()).isFalse();
        assertThat(o.items()).hasSize(1);
        assertThat(o.items().get(0).lineValue().value()).isEqualByComparingTo("120.50");
        assertThat(out.label().decision()).isEqualTo("CREDIT");
    }

    @Test
    void readsASessionEventWithAnObjectDetail() {
        String line = "{\"type\":\"session\",\"eventId\":\"s1\",\"ts\":\"2026-11-20T10:00:00Z\",\"clickId\":\"c1\","
                + "\"kind\":\"promo_code_entered\",\"detail\":{\"code\":\"X\"}}";
        SessionEvent s = (SessionEvent) parser.parse(line, "f", null).events().get(0);
        assertThat(s.kind()).isEqualTo(SessionKind.PROMO_CODE_ENTERED);
        assertThat(s.detail()).isEqualTo("{\"code\":\"X\"}");
    }

    @Test
    void aTypedTopicNeedsNoTypeField() {
        String line = CLICK.replace("\"type\":\"click\",", "");
        assertThat(parser.parse(line, "clicks/0@5", InputType.CLICK).isDead()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON              | {"type":"click",                                          | NOT_JSON       | not valid JSON
            trailing garbage      | {"type":"click"} x                                        | NOT_JSON       | not valid JSON
            duplicate key         | {"type":"click","eventId":"e","clickId":"c","ts":"2026-11-20T10:00:00Z","program":"p","publisherId":"x","ip":"1.2.3.4","ip":"5.6.7.8"} | NOT_JSON | Duplicate field 'ip'
            duplicate nested key  | {"type":"order","eventId":"e","orderId":"o","status":"paid","ts":"2026-11-20T10:00:00Z","program":"p","amount":{"value":"1","value":"100","currency":"USD"}} | NOT_JSON | Duplicate field 'value'
            JSON but not object   | [1,2]                                                     | WRONG_TYPE     | record is not a JSON object
            unknown type          | {"type":"refund"}                                         | UNKNOWN_TYPE   | 'refund' is not one of
            missing type          | {"eventId":"e"}                                           | MISSING_FIELD  | 'type'
            missing clickId       | {"type":"click","eventId":"e","ts":"2026-11-20T10:00:00Z","program":"p","publisherId":"x","ip":"1.2.3.4"} | MISSING_FIELD | missing required field 'clickId'
            mistyped eventId      | {"type":"click","eventId":7,"clickId":"c","ts":"2026-11-20T10:00:00Z","program":"p","publisherId":"x","ip":"1.2.3.4"} | WRONG_TYPE | field 'eventId' must be a string
            bad timestamp         | {"type":"click","eventId":"e","clickId":"c","ts":"2026-11-20 10:00","program":"p","publisherId":"x","ip":"1.2.3.4"} | BAD_TIMESTAMP | field 'ts' value '2026-11-20 10:00'
            timestamp no offset   | {"type":"click","eventId":"e","clickId":"c","ts":"2026-11-20T10:00:00","program":"p","publisherId":"x","ip":"1.2.3.4"} | BAD_TIMESTAMP | with an offset
            bad placement         | {"type":"click","eventId":"e","clickId":"c","ts":"2026-11-20T10:00:00Z","program":"p","publisherId":"x","ip":"1.2.3.4","placement":"sidebar"} | BAD_ENUM | field 'placement' value 'sidebar'
            ip a host name        | {"type":"click","eventId":"e","clickId":"c","ts":"2026-11-20T10:00:00Z","program":"p","publisherId":"x","ip":"evil.example.com"} | BAD_VALUE | field 'ip' value 'evil.example.com' is not an IPv4 or IPv6 address
            ip hex-looking name   | {"type":"click","eventId":"e","clickId":"c","ts":"2026-11-20T10:00:00Z","program":"p","publisherId":"x","ip":"cafe.de"} | BAD_VALUE | field 'ip' value 'cafe.de'
            ip octet over 255     | {"type":"click","eventId":"e","clickId":"c","ts":"2026-11-20T10:00:00Z","program":"p","publisherId":"x","ip":"999.1.1.1"} | BAD_VALUE | field 'ip' value '999.1.1.1'
            order ip not literal  | {"type":"order","eventId":"e","orderId":"o","status":"completed","ts":"2026-11-20T10:00:00Z","program":"p","ip":"localhost"} | BAD_VALUE | field 'ip' value 'localhost'
            negative interactions | {"type":"click","eventId":"e","clickId":"c","ts":"2026-11-20T10:00:00Z","program":"p","publisherId":"x","ip":"1.2.3.4","interactions":-1} | BAD_VALUE | must not be negative
            bad status            | {"type":"order","eventId":"e","orderId":"o","status":"shipped","ts":"2026-11-20T10:00:00Z","program":"p"} | BAD_ENUM | field 'status' value 'shipped'
            created w/o amount    | {"type":"order","eventId":"e","orderId":"o","status":"created","ts":"2026-11-20T10:00:00Z","program":"p"} | MISSING_FIELD | 'amount'
            bad currency          | {"type":"order","eventId":"e","orderId":"o","status":"paid","ts":"2026-11-20T10:00:00Z","program":"p","amount":{"value":"1","currency":"usd"}} | BAD_VALUE | field 'amount.currency'
            bad money value       | {"type":"order","eventId":"e","orderId":"o","status":"paid","ts":"2026-11-20T10:00:00Z","program":"p","amount":{"value":"ten","currency":"USD"}} | BAD_VALUE | field 'amount.value' 'ten'
            amount 1e400 (number) | {"type":"order","eventId":"e","orderId":"o","status":"paid","ts":"2026-11-20T10:00:00Z","program":"p","amount":{"value":1e400,"currency":"USD"}} | BAD_VALUE | field 'amount.value' is beyond 1000000000000
            amount 1e400 (text)   | {"type":"order","eventId":"e","orderId":"o","status":"paid","ts":"2026-11-20T10:00:00Z","program":"p","amount":{"value":"1e400","currency":"USD"}} | BAD_VALUE | is beyond
            amount too fine       | {"type":"order","eventId":"e","orderId":"o","status":"paid","ts":"2026-11-20T10:00:00Z","program":"p","amount":{"value":"1.000000001","currency":"USD"}} | BAD_VALUE | more than 8 decimal places
            amount tiny exponent  | {"type":"order","eventId":"e","orderId":"o","status":"paid","ts":"2026-11-20T10:00:00Z","program":"p","amount":{"value":"1e-999999","currency":"USD"}} | BAD_VALUE | more than 8 decimal places
            bad item store        | {"type":"order","eventId":"e","orderId":"o","status":"completed","ts":"2026-11-20T10:00:00Z","program":"p","items":[{"store":"mall"}]} | BAD_ENUM | field 'items[0].store'
            items not array       | {"type":"order","eventId":"e","orderId":"o","status":"completed","ts":"2026-11-20T10:00:00Z","program":"p","items":{}} | WRONG_TYPE | field 'items' must be an array
            bad country           | {"type":"order","eventId":"e","orderId":"o","status":"completed","ts":"2026-11-20T10:00:00Z","program":"p","shipToCountry":"USA"} | BAD_VALUE | field 'shipToCountry'
            unassigned country    | {"type":"order","eventId":"e","orderId":"o","status":"completed","ts":"2026-11-20T10:00:00Z","program":"p","ipCountry":"zz"} | BAD_VALUE | field 'ipCountry' 'zz' is not an ISO 3166-1
            reserved country UK   | {"type":"order","eventId":"e","orderId":"o","status":"completed","ts":"2026-11-20T10:00:00Z","program":"p","shipToCountry":"UK"} | BAD_VALUE | field 'shipToCountry' 'UK'
            unknown currency      | {"type":"order","eventId":"e","orderId":"o","status":"paid","ts":"2026-11-20T10:00:00Z","program":"p","amount":{"value":"1","currency":"XYZ"}} | BAD_VALUE | 'XYZ' is not an ISO 4217 currency code
            bad spam flag         | {"type":"order","eventId":"e","orderId":"o","status":"completed","ts":"2026-11-20T10:00:00Z","program":"p","networkSpam":"maybe"} | BAD_ENUM | field 'networkSpam'
            bad session kind      | {"type":"session","eventId":"e","ts":"2026-11-20T10:00:00Z","clickId":"c","kind":"scrolled"} | BAD_ENUM | field 'kind' value 'scrolled'
            wrapped w/o payload   | {"type":"awin_transaction","program":"alibaba-awin"}       | MISSING_FIELD  | 'payload'
            """)
    void sendsEveryKindOfBadRecordToTheDeadLetterOutputWithAPreciseReason(String name, String line, ErrorKind kind,
                                                                           String reasonPart) {
        ParseOutcome out = parser.parse(line, "bad.jsonl", null);
        assertThat(out.isDead()).isTrue();
        assertThat(out.deadLetter().kind()).isEqualTo(kind);
        assertThat(out.deadLetter().reason()).contains(reasonPart);
        assertThat(out.deadLetter().raw()).isEqualTo(line);
        assertThat(out.deadLetter().source()).isEqualTo("bad.jsonl");
    }

    @Test
    void refusesAnOversizeRecordUnread() {
        ParserSettings small = new ParserSettings("UTC", "aliexpress-portals", "UTC", "alibaba-awin", 256);
        String big = CLICK.replace("\"p1\"", "\"" + "p".repeat(300) + "\"");
        ParseOutcome out = new EventParser(small).parse(big, "f", null);
        assertThat(out.deadLetter().kind()).isEqualTo(ErrorKind.OVERSIZE);
        assertThat(out.deadLetter().reason()).contains("larger than the limit of 256");
    }

    @Test
    void theStatusOfAnOrderIsReadExactlyAsWritten() {
        String line = "{\"type\":\"order\",\"eventId\":\"e\",\"orderId\":\"o\",\"status\":\"refunded\","
                + "\"ts\":\"2026-11-20T10:00:00Z\",\"program\":\"p\"}";
        assertThat(((OrderEvent) parser.parse(line, "f", null).events().get(0)).status())
                .isEqualTo(OrderStatus.REFUNDED);
    }
}
