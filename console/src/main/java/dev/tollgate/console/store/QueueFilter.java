package dev.tollgate.console.store;

import java.time.Instant;

/**
 * What the queue shows: {@code status} {@code held} (in REVIEW with no analyst's decision yet, or reopened) by
 * default, or orders whose
 * newest verdict is {@code REVIEW}, {@code EXCLUDE} or {@code CREDIT}, or {@code all}; each other field narrows it when
 * set.
 *
 * @param sort {@code oldest} (oldest first, then largest) or {@code largest} (largest first, then oldest)
 */
public record QueueFilter(String status, String program, String reason, String publisher, Instant from, Instant to,
                          String sort) {
    public static final QueueFilter HELD = new QueueFilter("held", null, null, null, null, null, "oldest");

    public QueueFilter {
        status = status == null || status.isBlank() ? "held" : status;
        sort = "largest".equals(sort) ? "largest" : "oldest";
        program = blankToNull(program);
        reason = blankToNull(reason);
        publisher = blankToNull(publisher);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
