package dev.tollgate.console.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** Analysts' decisions as fixture labels (EVENTS.md "Labels in fixture files"), for {@code tollgate evaluate}. */
public final class LabelExport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelExport() {
    }

    /**
     * The order line with {@code "label": {"decision", "reasons"}}: the analyst's decision, with the codes of the
     * excluding reasons for EXCLUDE and none for CREDIT.
     */
    public static String label(String orderLine, String decision, List<String> excludeCodes) {
        try {
            ObjectNode line = (ObjectNode) JSON.readTree(orderLine);
            ObjectNode label = line.putObject("label");
            label.put("decision", decision);
            ArrayNode reasons = label.putArray("reasons");
            if ("EXCLUDE".equals(decision)) {
                excludeCodes.forEach(reasons::add);
            }
            return line.toString();
        } catch (Exception e) {
            throw new IllegalStateException("a stored order line is not JSON: " + e.getMessage(), e);
        }
    }
}
