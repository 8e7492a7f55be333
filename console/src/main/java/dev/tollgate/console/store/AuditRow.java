package dev.tollgate.console.store;

import java.time.Instant;

/** One line of the audit log. */
public record AuditRow(long id, Instant at, String username, String action, String orderId, String detail,
                       String remote) {
}
