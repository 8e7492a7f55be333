package dev.tollgate.tools.kafka;

import dev.tollgate.detectors.policy.ConfigLoader;
import dev.tollgate.detectors.policy.Settings;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.verdict.Verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the broker tests share: their configuration and how they compare verdicts. */
public final class KafkaTests {
    private KafkaTests() {
    }

    /** The bundled configuration, with a silent partition holding back event time for 2 s, not 5 s or a minute. */
    public static TollgateConfig config() {
        TollgateConfig bundled = new ConfigLoader().loadBundled();
        var t = bundled.settings().time();
        return bundled.withSettings(bundled.settings().withTime(new Settings.Time(t.outOfOrderness(), t.clickGrace(),
                t.finalityDelay(), t.clickRetention(), t.maxOrderAge(), t.finalTombstone(), t.decisionWait(),
                Duration.ofSeconds(2), t.reviewHold(), t.futureBound(), Duration.ofSeconds(2))));
    }

    /** What must agree between runs: decision and reason codes per order. */
    public static Map<String, String> outcomes(List<Verdict> newest) {
        return VerdictReader.outcomes(newest);
    }

    /**
     * Cancels the job and waits until it has ended: a cancel is acknowledged before the tasks stop, and a task still
     * writing a checkpoint would race the deletion of the test's state directory.
     */
    public static void cancelAndAwait(org.apache.flink.core.execution.JobClient job) throws Exception {
        job.cancel().get();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> job.getJobStatus().get().isGloballyTerminalState());
    }

    /** The newest version of each order's verdict among {@code all}. */
    /** The ledger's guarantee: every order's versions read {@code read_committed} are exactly 1..n, each once. */
    public static void assertEveryVersionOnce(List<Verdict> all) {
        Map<String, List<Integer>> versions = new TreeMap<>();
        all.forEach(v -> versions.computeIfAbsent(v.orderId(), k -> new ArrayList<>()).add(v.version()));
        versions.forEach((order, seen) -> {
            List<Integer> expected = new ArrayList<>();
            for (int i = 1; i <= seen.size(); i++) {
                expected.add(i);
            }
            org.assertj.core.api.Assertions.assertThat(seen).as("versions of " + order + " in the order read")
                    .isEqualTo(expected);
        });
    }

    public static List<Verdict> newestPerOrder(List<Verdict> all) {
        Map<String, Verdict> newest = new HashMap<>();
        all.forEach(v -> newest.merge(v.orderId(), v, (a, b) -> b.version() > a.version() ? b : a));
        return new ArrayList<>(newest.values());
    }
}
