package dev.tollgate.console.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.console.store.InputRow;
import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.ContractEvent;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.SessionEvent;
import dev.tollgate.detectors.parse.EventParser;
import dev.tollgate.detectors.parse.InputType;
import dev.tollgate.detectors.parse.ParseOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one input record into the rows the console keeps: parsed with the job's own parser (so a record the job
 * dead-letters is skipped here too), each event with a one-line summary and the record as a fixture line.
 */
public final class EvidenceRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventParser parser;

    public EvidenceRows(EventParser parser) {
        this.parser = parser;
    }

    /** The rows of a record read from a topic of {@code type}; empty for a record the job would refuse. */
    public List<InputRow> rows(String value, String source, InputType type, String programHint) {
        if (value == null) {
            return List.of();
        }
        ParseOutcome outcome = parser.parse(value, source, type, programHint);
        if (outcome.isDead()) {
            return List.of();
        }
        String line = fixtureLine(value, type, programHint);
        List<InputRow> out = new ArrayList<>();
        for (ContractEvent e : outcome.events()) {
            if (e instanceof ClickEvent c) {
                out.add(new InputRow(c.eventId(), type.wireName(), "click", null, c.clickId(), c.ts(),
                        "click by " + c.publisherId() + " (" + c.program() + "), placement "
                                + (c.placement() == null ? "?" : c.placement().name().toLowerCase(Locale.ROOT))
                                + ", device " + c.deviceId() + ", ip country " + c.ipCountry()
                                + (c.searchKeyword() != null ? ", keyword '" + c.searchKeyword() + "'" : "")
                                + (c.referrer() != null ? ", from " + c.referrer() : ""),
                        c.program(), line, c.publisherId(), c.deviceId(), c.userId(), null, null));
            } else if (e instanceof SessionEvent s) {
                out.add(new InputRow(s.eventId(), type.wireName(), "session", null, s.clickId(), s.ts(),
                        "session: " + s.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                                + (s.detail() != null ? " (" + s.detail() + ")" : ""),
                        null, line, null, null, null, null, null));
            } else if (e instanceof OrderEvent o) {
                out.add(new InputRow(o.eventId(), type.wireName(), "order", o.orderId(), o.clickId(), o.ts(),
                        "order " + o.status().name().toLowerCase(Locale.ROOT)
                                + (o.amount() != null ? ", " + o.amount().value().toPlainString() + " "
                                + o.amount().currency() : "")
                                + (o.channel() != null ? ", channel " + o.channel().name().toLowerCase(Locale.ROOT) : "")
                                + (o.promoCode() != null ? ", promo code " + o.promoCode() : "")
                                + (o.deviceId() != null ? ", device " + o.deviceId() : "")
                                + (o.subOrderId() != null ? ", sub-order " + o.subOrderId() : ""),
                        o.program(), line, o.publisherId(), o.deviceId(), o.userId(),
                        o.amount() == null ? null : o.amount().value(),
                        o.amount() == null ? null : o.amount().currency()));
            }
        }
        return out;
    }

    /** The record as a fixture line: its {@code type} added, a native payload wrapped with its program. */
    static String fixtureLine(String value, InputType type, String programHint) {
        try {
            JsonNode node = JSON.readTree(value);
            if (type == InputType.ALIEXPRESS_ORDER || type == InputType.AWIN_TRANSACTION) {
                ObjectNode wrapped = JSON.createObjectNode();
                wrapped.put("type", type.wireName());
                if (programHint != null) {
                    wrapped.put("program", programHint);
                }
                wrapped.set("payload", node);
                return wrapped.toString();
            }
            ObjectNode withType = JSON.createObjectNode();
            withType.put("type", type.wireName());
            ((ObjectNode) node).fields().forEachRemaining(f -> withType.set(f.getKey(), f.getValue()));
            return withType.toString();
        } catch (Exception e) {
            return value;
        }
    }
}
