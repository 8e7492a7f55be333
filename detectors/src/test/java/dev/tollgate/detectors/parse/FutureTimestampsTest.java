package dev.tollgate.detectors.parse;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FutureTimestampsTest {
    private static final Duration BOUND = Duration.ofDays(30);

    private static long t(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static FutureTimestamps.Days days(List<String> instants) {
        FutureTimestamps.Days d = new FutureTimestamps.Days();
        instants.forEach(i -> d.add(t(i)));
        return d;
    }

    @Test
    void aBoundedInputEndsAtItsFirstGapLongerThanTheBoundWhateverTheOrderOfItsLines() {
        List<String> lines = List.of("2026-10-01T09:00:00Z", "9999-12-31T23:59:59Z", "2026-11-10T10:00:00Z",
                "2026-10-15T00:00:00Z", "2031-01-01T00:00:00Z");
        FutureTimestamps.Days forward = days(lines);
        List<String> reversed = new java.util.ArrayList<>(lines);
        java.util.Collections.reverse(reversed);
        FutureTimestamps.Days backward = days(reversed);
        long cutoff = t("2026-11-10T10:00:00Z") + BOUND.toMillis();
        assertThat(forward.cutoff(BOUND)).isEqualTo(cutoff).isEqualTo(backward.cutoff(BOUND));
        assertThat(forward.newestBelieved(BOUND)).isEqualTo(t("2026-11-10T10:00:00Z"));

        FutureTimestamps future = FutureTimestamps.atCutoff(cutoff, BOUND);
        long anyTime = t("2000-01-01T00:00:00Z"); // a bounded input is not judged by the clock
        assertThat(future.refusal(t("2026-12-09T10:00:00Z"), anyTime)).isNull();
        assertThat(future.refusal(t("9999-12-31T23:59:59Z"), anyTime))
                .contains("9999-12-31T23:59:59Z", "PT720H", "2026-11-10T10:00:00Z", "time.futureBound");
        assertThat(future.refusal(t("2031-01-01T00:00:00Z"), anyTime)).isNotNull();
    }

    @Test
    void gapsWithinTheBoundDoNotEndTheInput() {
        // three weeks without traffic, as in the generated fixtures, and a run of days after it
        FutureTimestamps.Days d = days(List.of("2026-10-01T00:00:00Z", "2026-10-22T00:00:00Z",
                "2026-11-15T23:00:00Z", "2026-11-16T01:00:00Z"));
        assertThat(d.newestBelieved(Duration.ofDays(21).plusHours(1))).isEqualTo(t("2026-10-22T00:00:00Z"));
        assertThat(d.newestBelieved(BOUND)).isEqualTo(t("2026-11-16T01:00:00Z"));
    }

    @Test
    void anEmptyInputRefusesNothing() {
        FutureTimestamps.Days d = new FutureTimestamps.Days();
        assertThat(d.cutoff(BOUND)).isEqualTo(Long.MAX_VALUE);
        assertThat(d.newestBelieved(BOUND)).isEqualTo(Long.MIN_VALUE);
        assertThat(FutureTimestamps.atCutoff(d.cutoff(BOUND), BOUND).refusal(Long.MAX_VALUE - 1, 0)).isNull();
        assertThat(FutureTimestamps.none().refusal(t("9999-12-31T23:59:59Z"), 0)).isNull();
    }

    @Test
    void aStreamIsJudgedByTheClockWhenItsRecordsAreRead() {
        FutureTimestamps future = FutureTimestamps.fromClock(Duration.ofHours(1));
        long now = t("2026-12-02T08:00:00Z");
        assertThat(future.refusal(t("2026-12-02T08:59:59Z"), now)).isNull();
        assertThat(future.refusal(t("2020-01-01T00:00:00Z"), now)).as("a backfill of the past").isNull();
        assertThat(future.refusal(t("2026-12-02T09:00:01Z"), now)).contains("after the time it was read");
        assertThat(future.refusal(Long.MAX_VALUE, Long.MAX_VALUE - 5)).as("no overflow").isNull();
    }
}
