package dev.tollgate.jobs.pipeline;

/** Metric names as constants; dashboards and tests use exactly these. */
public final class MetricNames {
    public static final String GROUP = "tollgate";
    public static final String EVENTS_IN = "eventsIn";
    public static final String DEAD_LETTERS = "deadLetters";
    public static final String LATE_EVENTS = "lateEvents";
    public static final String EVENTS_AFTER_FINAL = "eventsAfterFinal";
    public static final String VERDICTS = "verdicts";
    public static final String DUPLICATE_EVENTS = "duplicateEvents";

    private MetricNames() {
    }
}
