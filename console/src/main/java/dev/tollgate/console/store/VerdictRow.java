package dev.tollgate.console.store;

import java.math.BigDecimal;
import java.time.Instant;

/** One stored verdict version; {@code reasons} is the contract's JSON list. */
public record VerdictRow(String orderId, int version, String program, String decision, boolean fin, double score,
                         String reasons, BigDecimal eligibleValue, String eligibleCurrency, Instant eventTime,
                         Instant decidedAt, String policyVersion, String decidedBy) {
}
