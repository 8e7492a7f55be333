package dev.tollgate.console.store;

import java.time.Instant;

/** A decision the console sent to the decisions topic (or is about to: {@code sent} false). */
public record DecisionRow(String key, String orderId, String decision, String analyst, String note, Instant ts,
                          boolean reversal, String record, boolean sent) {
}
