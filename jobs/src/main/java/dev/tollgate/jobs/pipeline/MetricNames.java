package dev.tollgate.jobs.pipeline;

/** Metric names as constants; dashboards and tests use exactly these. */
public final class MetricNames {
    public static final String GROUP = "tollgate";
    public static final String EVENTS_IN = "eventsIn";
    public static final String DEAD_LETTERS = "deadLetters";
    public static final String LATE_EVENTS = "lateEvents";
    public static final String EVENTS_AFTER_FINAL = "eventsAfterFinal";
    /** Verdict versions emitted, per {@code decision}. */
    public static final String VERDICTS = "verdicts";
    /** Reasons on emitted verdict versions, per {@code reason} code. */
    public static final String VERDICT_REASONS = "verdictReasons";
    /** Milliseconds from the arrival of the input that caused a verdict to its emission. */
    public static final String VERDICT_LATENCY = "verdictLatencyMs";
    public static final String DUPLICATE_EVENTS = "duplicateEvents";

    private MetricNames() {
    }
}
