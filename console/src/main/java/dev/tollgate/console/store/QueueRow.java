package dev.tollgate.console.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One order of the queue: its newest verdict, amount and publisher, and the codes of its reasons. */
public record QueueRow(String orderId, String program, String decision, boolean fin, int version, double score,
                       BigDecimal amount, String currency, String publisherId, Instant eventTime, List<String> codes,
                       String reopenedBy) {
}
