package dev.tollgate.jobs.pipeline;

/** Metric names as constants; dashboards and tests use exactly these. */
public final class MetricNames {
    public static final String GROUP = "tollgate";
    /** Contract events parsed, per event {@code type}. */
    public static final String EVENTS_IN = "eventsIn";
    /** Records read, per {@code input}: the topic's type (click, order, ..., a native feed) or mixed (files). */
    public static final String RECORDS_IN = "recordsIn";
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
    /** Orders whose evidence the verdict changelog holds (not final yet); summed over subtasks it is the total. */
    public static final String OPEN_ORDERS = "openOrders";
    /** 1 under the {@code version} of the live control change in force, 0 under versions replaced since. */
    public static final String CONTROL_VERSION = "controlVersionInForce";
    /** Where the verdict metrics carry the program ({@code program}), decision and reason code. */
    public static final String PROGRAM = "program";
    public static final String DECISION = "decision";
    public static final String REASON = "reason";
    public static final String TYPE = "type";
    public static final String INPUT = "input";
    public static final String VERSION = "version";

    private MetricNames() {
    }
}
