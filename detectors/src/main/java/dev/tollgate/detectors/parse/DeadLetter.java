package dev.tollgate.detectors.parse;

/**
 * A record that could not be used, kept whole with where it came from and why, so that nothing is lost silently.
 *
 * @param source where the record was read: a file name, or {@code topic/partition@offset}
 * @param raw the record exactly as read
 * @param kind the class of problem, for counting
 * @param reason a precise human-readable reason naming the field
 */
public record DeadLetter(String source, String raw, ErrorKind kind, String reason) {

    /** Classes of bad input; DLQ counters are kept per kind. */
    public enum ErrorKind {
        NOT_JSON, OVERSIZE, MISSING_FIELD, WRONG_TYPE, BAD_ENUM, BAD_TIMESTAMP, BAD_VALUE, UNKNOWN_TYPE,
        UNKNOWN_ORDER, INVALID_CONTROL,
        /** An event time too far ahead to be believed (see {@code FutureTimestamps}); never shown to the watermarks. */
        FUTURE_TIMESTAMP,
        /** A decision or control record without a valid signature of the console or an operator: changes nothing. */
        UNAUTHENTICATED_DECISION, UNAUTHENTICATED_CONTROL
    }
}
