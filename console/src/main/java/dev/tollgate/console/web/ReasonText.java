package dev.tollgate.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What an analyst reads for a reason: one plain sentence of why (per code, from REASON-CODES.md), and the evidence
 * object as labelled lines instead of raw JSON.
 */
public final class ReasonText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, String> WHY = Map.ofEntries(
            Map.entry("COOKIE_STUFFING", "The attributed click does not look deliberate: hidden or tiny placement, "
                    + "or one device or IP dropping clicks for several programs within seconds without interaction."),
            Map.entry("CLICK_HIJACK", "The click claims a purchase that was already decided or belongs to another "
                    + "publisher's earlier, still valid click."),
            Map.entry("POPUP_TRAFFIC", "The click came from a popup or pop-under window or a pop-under ad network."),
            Map.entry("BOT_TRAFFIC", "Clicks or orders look machine-made: crawler or headless browser, data-centre "
                    + "IP, inhuman velocity or regular timing, or many accounts on one device."),
            Map.entry("DEVICE_SWITCH", "The order was placed or paid on another device than the click, or moved "
                    + "from browser to app where the program does not allow it."),
            Map.entry("BRAND_BIDDING", "A paid search ad on the program's brand keyword (or a misspelling of it) "
                    + "referred the click."),
            Map.entry("SANCTIONED_ORIGIN", "The click or order IP, the buyer or the delivery country is under "
                    + "sanctions or on the program's restricted list."),
            Map.entry("OUTSIDE_ATTRIBUTION_WINDOW", "The order came later after the click than the program's "
                    + "cookie term or session allows."),
            Map.entry("NO_QUALIFYING_CLICK", "There is no click for this order, or the click came after the order."),
            Map.entry("ORDER_LIMIT_EXCEEDED", "The basket or order value is above the program's limit."),
            Map.entry("INELIGIBLE_ITEMS", "Some or all items are outside the program (excluded goods, categories, "
                    + "stores or sellers)."),
            Map.entry("INELIGIBLE_CHANNEL", "The order was placed in the merchant app, through Contact Supplier, or "
                    + "by phone."),
            Map.entry("FOREIGN_PROMO_CODE", "A promo code that is not the cashback service's own was used."),
            Map.entry("NOT_COMPLETED", "The order was cancelled, refunded, disputed, or not completed within the "
                    + "program's limit after payment."),
            Map.entry("CURRENCY_NOT_ELIGIBLE", "The order was paid in a currency the program does not commission."),
            Map.entry("NETWORK_FRAUD_FLAG", "The network itself marked the order as spam or blocked it."),
            Map.entry("TRACKING_BLOCKED", "An ad, tracking or cookie blocker was detected at activation, so the "
                    + "network cannot attribute the order."),
            Map.entry("COMMISSION_CAPPED", "Informational: the eligible amount was cut by a per-order cap."),
            Map.entry("SESSION_INTERRUPTED", "The cashback session was left (tab switched, window closed or "
                    + "connection lost) before the purchase."),
            Map.entry("SERVICE_FEE_EXCLUDED", "Informational: for an EU buyer the third-party service fee is not "
                    + "commissionable, so only the product prices count."));

    private ReasonText() {
    }

    /** The sentence for a code; an unknown code says so rather than guessing. */
    public static String why(String code) {
        return WHY.getOrDefault(code, "Code " + code + " (not described in this console's reason list).");
    }

    /** One reason of a verdict, ready to show. */
    public record Shown(String code, String severity, String detector, String why, List<Line> evidence) {
    }

    /** One evidence field: a readable label and its value as text. */
    public record Line(String label, String value) {
    }

    /** The reasons of a stored verdict version (the contract's JSON list). */
    public static List<Shown> reasons(String reasonsJson) {
        List<Shown> out = new ArrayList<>();
        try {
            for (JsonNode r : JSON.readTree(reasonsJson)) {
                String code = r.path("code").asText();
                out.add(new Shown(code, r.path("severity").asText(), r.path("detector").asText(), why(code),
                        evidence(r.path("evidence"))));
            }
        } catch (Exception e) {
            out.add(new Shown("?", "", "", "The stored reasons could not be read: " + e.getMessage(), List.of()));
        }
        return out;
    }

    /** The evidence object as lines; nested objects are flattened with dotted labels, lists joined. */
    public static List<Line> evidence(JsonNode evidence) {
        List<Line> lines = new ArrayList<>();
        flatten("", evidence, lines);
        return lines;
    }

    private static void flatten(String prefix, JsonNode node, List<Line> out) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                flatten(prefix.isEmpty() ? label(f.getKey()) : prefix + " › " + label(f.getKey()), f.getValue(), out);
            }
        } else if (node.isArray()) {
            if (node.size() > 0 && node.get(0).isObject()) {
                int i = 1;
                for (JsonNode e : node) {
                    flatten(prefix + " #" + i++, e, out);
                }
            } else {
                List<String> parts = new ArrayList<>();
                node.forEach(e -> parts.add(e.isValueNode() ? e.asText() : e.toString()));
                out.add(new Line(prefix, String.join(", ", parts)));
            }
        } else {
            out.add(new Line(prefix, node.asText()));
        }
    }

    /** {@code clickToOrderSeconds} → {@code click to order seconds}. */
    static String label(String key) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                b.append(' ').append(Character.toLowerCase(c));
            } else {
                b.append(c == '_' ? ' ' : c);
            }
        }
        return b.toString();
    }
}
