package dev.tollgate.detectors.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.detectors.model.AnalystDecision;
import dev.tollgate.detectors.model.Channel;
import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.ContractEvent;
import dev.tollgate.detectors.model.Feed;
import dev.tollgate.detectors.model.Item;
import dev.tollgate.detectors.model.Label;
import dev.tollgate.detectors.model.Money;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.OrderPath;
import dev.tollgate.detectors.model.OrderStatus;
import dev.tollgate.detectors.model.Placement;
import dev.tollgate.detectors.model.SessionEvent;
import dev.tollgate.detectors.model.SessionKind;
import dev.tollgate.detectors.parse.DeadLetter.ErrorKind;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one record of the event contract (EVENTS.md) into canonical events, or explains precisely why it cannot.
 * Never throws for bad input: every problem becomes a {@link DeadLetter}. Thread-confined (one per operator instance).
 */
public final class EventParser {
    /**
     * Kafka record header naming the program of a bare native order (a feed topic may carry several programs); the
     * {@code programHint} of {@link #parse(String, String, InputType, String)}.
     */
    public static final String PROGRAM_HEADER = "tollgate-program";

    private static final Set<String> STORES = Set.of("main", "tmall", "plaza");

    /** Duplicate keys are refused: which of two values a field has would depend on the reader. */
    private final ObjectMapper mapper = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final ParserSettings settings;
    private final NativeOrderAdapters adapters;

    public EventParser(ParserSettings settings) {
        this.settings = settings;
        this.adapters = new NativeOrderAdapters(settings);
    }

    /**
     * @param raw the record text
     * @param source where it was read, carried into a dead letter
     * @param typeHint the type implied by a typed topic, or {@code null} for fixture lines that carry {@code type}
     */
    public ParseOutcome parse(String raw, String source, InputType typeHint) {
        return parse(raw, source, typeHint, null);
    }

    /**
     * @param programHint the program of a bare native payload when its topic says so (a record header); without it
     *     the feed's default program applies
     */
    public ParseOutcome parse(String raw, String source, InputType typeHint, String programHint) {
        if (raw == null) {
            return ParseOutcome.dead(new DeadLetter(source, "", ErrorKind.NOT_JSON, "empty record (null value)"));
        }
        int bytes = raw.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > settings.maxRecordBytes()) {
            return ParseOutcome.dead(new DeadLetter(source, raw, ErrorKind.OVERSIZE,
                    "record is " + bytes + " bytes, larger than the limit of " + settings.maxRecordBytes()));
        }
        JsonNode root;
        try {
            root = mapper.readTree(raw);
        } catch (JsonProcessingException e) {
            return ParseOutcome.dead(new DeadLetter(source, raw, ErrorKind.NOT_JSON,
                    "not valid JSON: " + e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode()) {
            return ParseOutcome.dead(new DeadLetter(source, raw, ErrorKind.NOT_JSON, "empty record"));
        }
        try {
            return read(root, typeHint, programHint);
        } catch (InvalidRecordException e) {
            return ParseOutcome.dead(new DeadLetter(source, raw, e.kind(), e.getMessage()));
        }
    }

    private ParseOutcome read(JsonNode root, InputType typeHint, String programHint)
            throws InvalidRecordException {
        Fields f = Fields.of(root, "");
        InputType type = typeHint;
        boolean wrapped = false;
        if (type == null) {
            String wire = f.reqText("type");
            type = InputType.fromWire(wire);
            if (type == null) {
                throw new InvalidRecordException(ErrorKind.UNKNOWN_TYPE, "field 'type' value '" + wire
                        + "' is not one of [click, order, session, aliexpress_order, awin_transaction, decision]");
            }
            wrapped = true;
        }
        Label label = label(root.get("label"));
        return switch (type) {
            case CLICK -> ParseOutcome.ok(List.of(click(f)), null);
            case ORDER -> ParseOutcome.ok(List.of(order(f)), label);
            case SESSION -> ParseOutcome.ok(List.of(session(f)), null);
            case DECISION -> ParseOutcome.ok(List.of(decision(f)), null);
            case CONTROL -> throw new InvalidRecordException(ErrorKind.UNKNOWN_TYPE,
                    "control changes are read from the control topic, not as events");
            case ALIEXPRESS_ORDER, AWIN_TRANSACTION -> {
                String program = programHint;
                Fields payload = f;
                if (wrapped) {
                    program = f.optText("program");
                    if (!f.has("payload")) {
                        throw f.missing("payload");
                    }
                    payload = Fields.of(f.raw("payload"), "payload");
                }
                List<ContractEvent> events = new ArrayList<>(type == InputType.ALIEXPRESS_ORDER
                        ? adapters.aliexpress(payload, program)
                        : adapters.awin(payload, program));
                yield ParseOutcome.ok(events, label);
            }
        };
    }

    private ClickEvent click(Fields f) throws InvalidRecordException {
        Integer w = null;
        Integer h = null;
        if (f.has("viewport")) {
            Fields vp = Fields.of(f.raw("viewport"), f.name("viewport"));
            w = vp.optNonNegativeInt("w");
            h = vp.optNonNegativeInt("h");
        }
        return new ClickEvent(
                f.reqText("eventId"),
                f.reqText("clickId"),
                f.reqInstant("ts"),
                f.reqText("program"),
                f.reqText("publisherId"),
                f.optText("userId"),
                f.optText("deviceId"),
                f.reqIp("ip"),
                f.optCountry("ipCountry"),
                f.optText("userAgent"),
                f.optText("referrer"),
                f.optText("landingUrl"),
                f.optText("searchKeyword"),
                f.optEnum("placement", Placement.class),
                w, h,
                f.optNonNegativeInt("interactions"),
                f.optNonNegativeInt("cartItems"),
                f.optBool("adBlocker"));
    }

    private OrderEvent order(Fields f) throws InvalidRecordException {
        String eventId = f.reqText("eventId");
        String orderId = f.reqText("orderId");
        OrderStatus status = f.reqEnum("status", OrderStatus.class);
        long ts = f.reqInstant("ts");
        String program = f.reqText("program");
        Money amount = f.optMoney("amount");
        if (amount == null && (status == OrderStatus.CREATED || status == OrderStatus.PAID)) {
            throw f.missing("amount");
        }
        return new OrderEvent(eventId, orderId, status, ts, program,
                f.optText("clickId"),
                f.optText("userId"),
                f.optText("deviceId"),
                f.optIp("ip"),
                f.optCountry("ipCountry"),
                f.optText("userAgent"),
                f.optEnum("channel", Channel.class),
                f.optEnum("orderPath", OrderPath.class),
                amount,
                f.optCountry("shipToCountry"),
                f.optCountry("buyerCountry"),
                f.optBool("newBuyer"),
                f.optText("promoCode"),
                f.optYesNo("networkSpam"),
                items(f),
                null, null, null, null,
                Feed.CANONICAL);
    }

    private List<Item> items(Fields f) throws InvalidRecordException {
        JsonNode arr = f.raw("items");
        if (arr == null) {
            return null;
        }
        if (!arr.isArray()) {
            throw f.wrongType("items", "an array", arr);
        }
        List<Item> items = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            Fields it = Fields.of(arr.get(i), f.name("items") + "[" + i + "]");
            String store = it.optText("store");
            if (store != null && !STORES.contains(store)) {
                throw it.badEnum("store", store, "main, tmall, plaza");
            }
            items.add(new Item(
                    it.optId("sku"),
                    it.optText("title"),
                    it.optText("category"),
                    it.optNonNegativeInt("quantity"),
                    it.optMoney("unitPrice"),
                    it.optBool("virtual"),
                    it.optCountry("sellerCountry"),
                    store,
                    it.optBool("readyToShip"),
                    it.optBool("affiliate")));
        }
        return List.copyOf(items);
    }

    private SessionEvent session(Fields f) throws InvalidRecordException {
        JsonNode detail = f.raw("detail");
        return new SessionEvent(
                f.reqText("eventId"),
                f.reqInstant("ts"),
                f.reqText("clickId"),
                f.reqEnum("kind", SessionKind.class),
                detail == null ? null : detail.isTextual() ? detail.asText() : detail.toString());
    }

    private AnalystDecision decision(Fields f) throws InvalidRecordException {
        String decision = f.reqText("decision");
        if (!decision.equals("CREDIT") && !decision.equals("EXCLUDE")) {
            throw f.badEnum("decision", decision, "CREDIT, EXCLUDE");
        }
        return new AnalystDecision(f.reqText("orderId"), decision, f.reqText("analyst"), f.optText("note"),
                f.reqInstant("ts"));
    }

    /** Labels only serve evaluation; a malformed label is ignored rather than costing the event. */
    private static Label label(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("decision").isTextual()) {
            return null;
        }
        List<String> reasons = new ArrayList<>();
        for (JsonNode r : node.path("reasons")) {
            if (r.isTextual()) {
                reasons.add(r.asText());
            }
        }
        return new Label(node.get("decision").asText(), List.copyOf(reasons), labelAmount(node.get("eligibleAmount")));
    }

    private static Money labelAmount(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("currency").isTextual()) {
            return null;
        }
        try {
            return new Money(new java.math.BigDecimal(node.path("value").asText()), node.get("currency").asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
