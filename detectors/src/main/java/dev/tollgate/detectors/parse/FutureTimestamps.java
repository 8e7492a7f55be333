package dev.tollgate.detectors.parse;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Which event times are too far ahead to be believed (FUTURE_TIMESTAMP): one record stamped {@code 9999-12-31} would
 * otherwise move event time for every order once the other partitions go idle. Such a record goes to the dead letters
 * and is never shown to the watermarks.
 *
 * <p>Two references, one per kind of input:
 * <ul>
 *   <li><b>a stream</b> (Kafka): the wall clock when the record is read. An event more than {@code bound} after that
 *       has not happened yet;</li>
 *   <li><b>a bounded input</b> (files): the input's own progress, independent of the order its lines come in. Its
 *       event times, by day, are read from the oldest on; the first gap longer than {@code bound} ends the believable
 *       input, and every event after that gap (plus the bound) is refused. A replay of last year's traffic is
 *       therefore never judged by today's clock, and BATCH and STREAMING replays refuse the same records.</li>
 * </ul>
 */
public final class FutureTimestamps implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long DAY_MS = 86_400_000L;

    private final long fixedCutoff;
    private final long boundMs;
    private final boolean fromClock;

    private FutureTimestamps(long fixedCutoff, long boundMs, boolean fromClock) {
        this.fixedCutoff = fixedCutoff;
        this.boundMs = boundMs;
        this.fromClock = fromClock;
    }

    /** Nothing is refused (parse-only benchmarks, harness tests). */
    public static FutureTimestamps none() {
        return new FutureTimestamps(Long.MAX_VALUE, 0, false);
    }

    /** A stream: refuse events more than {@code bound} after the wall clock at reading. */
    public static FutureTimestamps fromClock(Duration bound) {
        return new FutureTimestamps(Long.MAX_VALUE, bound.toMillis(), true);
    }

    /** A bounded input: refuse events after {@code cutoff} (see {@link #cutoffOf}). */
    public static FutureTimestamps atCutoff(long cutoff, Duration bound) {
        return new FutureTimestamps(cutoff, bound.toMillis(), false);
    }

    /** The newest event time believed for a record read at {@code nowMs}. */
    public long cutoff(long nowMs) {
        if (!fromClock) {
            return fixedCutoff;
        }
        return nowMs > Long.MAX_VALUE - boundMs ? Long.MAX_VALUE : nowMs + boundMs;
    }

    /** Why an event at {@code ts} read at {@code nowMs} is refused, or {@code null} when it is believed. */
    public String refusal(long ts, long nowMs) {
        long cutoff = cutoff(nowMs);
        if (ts <= cutoff) {
            return null;
        }
        String ref = fromClock ? "the time it was read (" + Instant.ofEpochMilli(nowMs) + ")"
                : "the input's own events (they reach " + Instant.ofEpochMilli(cutoff - boundMs) + " without a gap)";
        return "event time " + Instant.ofEpochMilli(ts) + " is more than " + Duration.ofMillis(boundMs)
                + " after " + ref + "; time.futureBound sets how far ahead an event may be";
    }

    /**
     * The cutoff of a bounded input: from its oldest day on, the days its events fall on are followed as long as
     * no two consecutive ones are more than {@code bound} apart; the cutoff is the newest event of those days plus
     * {@code bound}. {@link Long#MAX_VALUE} for an empty input.
     *
     * @param newestPerDay per UTC day (epoch day) that has events, the newest event time on it
     */
    public static long cutoffOf(NavigableMap<Long, Long> newestPerDay, Duration bound) {
        long boundMs = bound.toMillis();
        Long newest = null;
        for (Map.Entry<Long, Long> day : newestPerDay.entrySet()) {
            long dayStart = day.getKey() * DAY_MS;
            if (newest != null && dayStart - newest > boundMs) {
                break;
            }
            newest = newest == null ? day.getValue() : Math.max(newest, day.getValue());
        }
        return newest == null ? Long.MAX_VALUE : newest + boundMs;
    }

    /** Collects the per-day newest event times {@link #cutoffOf} reads: a few bytes per day of input. */
    public static final class Days {
        private final TreeMap<Long, Long> newestPerDay = new TreeMap<>();

        public void add(long ts) {
            newestPerDay.merge(Math.floorDiv(ts, DAY_MS), ts, Math::max);
        }

        public long cutoff(Duration bound) {
            return cutoffOf(newestPerDay, bound);
        }

        /** The newest event time {@link #cutoff} believes, or {@link Long#MIN_VALUE} for an empty input. */
        public long newestBelieved(Duration bound) {
            long cutoff = cutoff(bound);
            return cutoff == Long.MAX_VALUE ? Long.MIN_VALUE : cutoff - bound.toMillis();
        }
    }

    @Override
    public String toString() {
        return fromClock ? "events up to " + Duration.ofMillis(boundMs) + " after the clock"
                : fixedCutoff == Long.MAX_VALUE ? "no bound" : "events up to " + Instant.ofEpochMilli(fixedCutoff);
    }
}
