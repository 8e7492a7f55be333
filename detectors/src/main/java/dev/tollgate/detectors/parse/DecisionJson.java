package dev.tollgate.detectors.parse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.detectors.model.AnalystDecision;

import java.time.Instant;

/** Analyst decisions as EVENTS.md writes them: {@code {orderId, decision, analyst, note, ts}}. */
public final class DecisionJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DecisionJson() {
    }

    public static String write(AnalystDecision d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("orderId", d.orderId());
        n.put("decision", d.decision());
        n.put("analyst", d.analyst());
        if (d.note() != null) {
            n.put("note", d.note());
        }
        n.put("ts", Instant.ofEpochMilli(d.ts()).toString());
        return n.toString();
    }
}
