package dev.tollgate.detectors.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.detectors.model.Feed;
import dev.tollgate.detectors.model.Item;
import dev.tollgate.detectors.model.Money;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.OrderStatus;
import dev.tollgate.detectors.parse.DeadLetter.ErrorKind;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maps the networks' native order objects (EVENTS.md "Native network feeds") to canonical order events. A native
 * record is a snapshot of the order: it is expanded into one canonical event per lifecycle step it proves (created,
 * paid, completed or cancelled/refunded), each with a deterministic event id, so a re-sent snapshot changes nothing.
 */
final class NativeOrderAdapters {
    /** Awin decline reasons that mean the network itself rejected the sale as spam or fraud. */
    private static final Pattern AWIN_SPAM_DECLINE = Pattern.compile("(?i).*(spam|fraud|invalid traffic|bot).*");

    private final ObjectMapper mapper = new ObjectMapper();
    private final ParserSettings settings;
    private final ZoneId aliexpressZone;
    private final ZoneId awinZone;

    NativeOrderAdapters(ParserSettings settings) {
        this.settings = settings;
        this.aliexpressZone = settings.aliexpressZone();
        this.awinZone = settings.awinZone();
    }

    /** AliExpress Portals order-list row: one sub-order of {@code order_id}, amounts in cents. */
    List<OrderEvent> aliexpress(Fields f, String wrapperProgram) throws InvalidRecordException {
        String orderId = f.reqId("order_id");
        String subOrderId = f.optId("sub_order_id");
        String nativeStatus = f.reqText("order_status");
        String effect = f.optText("effect_detail_status");
        long created = f.reqLocalDateTime("created_time", aliexpressZone);
        Long paid = f.optLocalDateTime("paid_time", aliexpressZone);
        Long finished = f.optLocalDateTime("finished_time", aliexpressZone);
        BigDecimal paidAmount = f.optCents("paid_amount");
        if (paidAmount == null) {
            throw f.missing("paid_amount");
        }
        BigDecimal finishedAmount = f.optCents("finished_amount");
        String currency = f.has("settled_currency") ? f.currency("settled_currency") : "USD";
        String clickId = aliexpressClickId(f);
        Integer count = f.optNonNegativeInt("product_count");
        Boolean affiliate = f.optYesNo("is_affiliate_product");
        Boolean newBuyer = f.optYesNo("is_new_buyer");
        String shipTo = f.optCountry("ship_to_country");
        String category = f.optId("category_id");
        String productId = f.optId("product_id");
        String title = f.optText("product_title");

        OrderStatus terminal;
        boolean spam = false;
        switch (nativeStatus) {
            case "Payment Completed" -> terminal = null;
            case "Buyer Confirmed Receipt" -> terminal = OrderStatus.COMPLETED;
            case "Invalid" -> {
                terminal = "FullRefund".equals(effect) ? OrderStatus.REFUNDED : OrderStatus.CANCELLED;
                spam = "Antispam".equals(effect);
            }
            default -> throw f.badEnum("order_status", nativeStatus,
                    "Payment Completed, Buyer Confirmed Receipt, Invalid");
        }
        Money amount = new Money(paidAmount, currency);
        // never rounded per unit: 2 units that paid 51.27 are a line worth 51.27, not 2 x 25.64 (or 2 x 25.63)
        BigDecimal unit = count == null || count == 0 ? paidAmount
                : paidAmount.divide(BigDecimal.valueOf(count), MathContext.DECIMAL64);
        Item item = new Item(productId, title, category, count, new Money(unit, currency), null, null, null, null,
                affiliate);
        String program = wrapperProgram != null ? wrapperProgram : settings.aliexpressDefaultProgram();
        String idBase = "aliexpress:" + orderId + ":" + (subOrderId == null ? "" : subOrderId) + ":";

        NativeOrder o = new NativeOrder(orderId, subOrderId, program, clickId, amount, shipTo, newBuyer,
                spam ? Boolean.TRUE : null, List.of(item), Feed.ALIEXPRESS);
        List<OrderEvent> events = new ArrayList<>(3);
        events.add(o.event(idBase + "created", OrderStatus.CREATED, created));
        if (paid != null || terminal == null || terminal == OrderStatus.COMPLETED) {
            events.add(o.event(idBase + "paid", OrderStatus.PAID, paid != null ? paid : created));
        }
        if (terminal != null) {
            long at = finished != null ? finished : paid != null ? paid : created;
            NativeOrder end = terminal == OrderStatus.COMPLETED && finishedAmount != null
                    ? o.withAmount(new Money(finishedAmount, currency)) : o;
            events.add(end.event(idBase + terminal.name().toLowerCase(Locale.ROOT), terminal, at));
        }
        return events;
    }

    private String aliexpressClickId(Fields f) throws InvalidRecordException {
        JsonNode params = f.raw("custom_parameters");
        if (params == null) {
            return null;
        }
        JsonNode obj = params;
        if (params.isTextual()) {
            if (params.asText().isBlank()) {
                return null;
            }
            try {
                obj = mapper.readTree(params.asText());
            } catch (JsonProcessingException e) {
                throw new InvalidRecordException(ErrorKind.WRONG_TYPE,
                        "field '" + f.name("custom_parameters") + "' is not JSON text: "
                                + Fields.abbreviate(params.asText()));
            }
        }
        return Fields.of(obj, f.name("custom_parameters")).optId("clickId");
    }

    /** Awin transaction from its transactions API; amounts in major units, dates local to the Awin time zone. */
    List<OrderEvent> awin(Fields f, String wrapperProgram) throws InvalidRecordException {
        String id = f.reqId("id");
        String orderRef = f.optId("orderRef");
        String orderId = orderRef != null ? orderRef : id;
        String status = f.reqText("commissionStatus");
        long transactionDate = f.reqLocalDateTime("transactionDate", awinZone);
        Long validationDate = f.optLocalDateTime("validationDate", awinZone);
        if (!f.has("saleAmount")) {
            throw f.missing("saleAmount");
        }
        Fields sale = Fields.of(f.raw("saleAmount"), f.name("saleAmount"));
        Money amount = new Money(sale.decimal("amount"), sale.currency("currency"));
        String clickId = null;
        if (f.has("clickRefs")) {
            clickId = Fields.of(f.raw("clickRefs"), f.name("clickRefs")).optId("clickRef");
        }
        String declineReason = f.optText("declineReason");
        OrderStatus terminal = switch (status) {
            case "pending" -> null;
            case "approved" -> OrderStatus.COMPLETED;
            case "declined", "deleted" -> OrderStatus.CANCELLED;
            default -> throw f.badEnum("commissionStatus", status, "pending, approved, declined, deleted");
        };
        boolean spam = terminal == OrderStatus.CANCELLED && declineReason != null
                && AWIN_SPAM_DECLINE.matcher(declineReason).matches();
        String program = wrapperProgram != null ? wrapperProgram : settings.awinDefaultProgram();

        NativeOrder o = new NativeOrder(orderId, null, program, clickId, amount, null, null,
                spam ? Boolean.TRUE : null, basket(f, amount.currency()), Feed.AWIN)
                .withAwin(f.optCountry("customerCountry"), f.optText("voucherCode"), f.optId("publisherId"),
                        f.optText("clickDevice"), f.optText("transactionDevice"));
        String idBase = "awin:" + id + ":";
        List<OrderEvent> events = new ArrayList<>(2);
        events.add(o.event(idBase + "paid", OrderStatus.PAID, transactionDate));
        if (terminal != null) {
            long at = validationDate != null ? validationDate : transactionDate;
            events.add(o.event(idBase + terminal.name().toLowerCase(Locale.ROOT), terminal, at));
        }
        return events;
    }

    private List<Item> basket(Fields f, String currency) throws InvalidRecordException {
        JsonNode arr = f.raw("basketProducts");
        if (arr == null) {
            return null;
        }
        if (!arr.isArray()) {
            throw f.wrongType("basketProducts", "an array", arr);
        }
        List<Item> items = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            Fields p = Fields.of(arr.get(i), f.name("basketProducts") + "[" + i + "]");
            Money price = p.has("unitPrice") ? new Money(p.decimal("unitPrice"), currency) : null;
            items.add(new Item(p.optId("productId"), p.optText("productName"), p.optText("category"),
                    p.optNonNegativeInt("quantity"), price, null, null, null, null, null));
        }
        return List.copyOf(items);
    }

    /** The fields a native snapshot shares across the canonical events it expands into. */
    private record NativeOrder(String orderId, String subOrderId, String program, String clickId, Money amount,
                               String shipTo, Boolean newBuyer, Boolean spam, List<Item> items, Feed feed,
                               String buyerCountry, String promoCode, String publisherId, String clickDevice,
                               String transactionDevice) {

        NativeOrder(String orderId, String subOrderId, String program, String clickId, Money amount, String shipTo,
                    Boolean newBuyer, Boolean spam, List<Item> items, Feed feed) {
            this(orderId, subOrderId, program, clickId, amount, shipTo, newBuyer, spam, items, feed,
                    null, null, null, null, null);
        }

        NativeOrder withAmount(Money newAmount) {
            return new NativeOrder(orderId, subOrderId, program, clickId, newAmount, shipTo, newBuyer, spam, items,
                    feed, buyerCountry, promoCode, publisherId, clickDevice, transactionDevice);
        }

        NativeOrder withAwin(String customerCountry, String voucher, String publisher, String clickDev,
                             String transactionDev) {
            return new NativeOrder(orderId, subOrderId, program, clickId, amount, shipTo, newBuyer, spam, items,
                    feed, customerCountry, voucher, publisher, clickDev, transactionDev);
        }

        OrderEvent event(String eventId, OrderStatus status, long ts) {
            return new OrderEvent(eventId, orderId, status, ts, program, clickId, null, null, null, null, null, null,
                    null, amount, shipTo, buyerCountry, newBuyer, promoCode, spam, items, subOrderId, publisherId,
                    clickDevice, transactionDevice, feed);
        }
    }
}
