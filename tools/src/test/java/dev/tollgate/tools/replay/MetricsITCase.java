package dev.tollgate.tools.replay;

import dev.tollgate.detectors.policy.ConfigLoader;
import dev.tollgate.jobs.pipeline.MetricNames;
import dev.tollgate.tools.cluster.Dashboard;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tollgate's metrics as a job registers and counts them (Flink's in-memory reporter on the MiniCluster): every metric
 * the dashboard queries exists, and the counts agree with what the replay wrote.
 */
class MetricsITCase {
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .setConfiguration(REPORTER.addToConfiguration(new Configuration())).build());

    /** One registered Tollgate metric: its name, its labels and the metric. */
    private record Registered(String name, Map<String, String> labels, Metric metric) {
    }

    @Test
    void theDashboardsMetricsExistAndCountWhatTheJobDid() throws Exception {
        List<Path> files = InputFiles.resolve(List.of(Path.of("..", "fixtures", "scenarios"),
                Path.of("..", "fixtures", "malformed")));
        ReplayJob.Result result = new ReplayJob(new ConfigLoader().loadBundled(), RuntimeExecutionMode.STREAMING, 2,
                Clock.systemUTC()).run(files);

        List<Registered> tollgate = new ArrayList<>();
        for (Map.Entry<MetricGroup, Map<String, Metric>> g : REPORTER.getMetricsByGroup().entrySet()) {
            for (Map.Entry<String, Metric> m : g.getValue().entrySet()) {
                if (g.getKey().getMetricIdentifier(m.getKey()).contains("." + MetricNames.GROUP + ".")) {
                    tollgate.add(new Registered(m.getKey(), g.getKey().getAllVariables(), m.getValue()));
                }
            }
        }

        Set<String> names = new TreeSet<>();
        tollgate.forEach(r -> names.add(r.name()));
        assertThat(names).containsAll(dashboardNames());

        assertThat(sum(tollgate, MetricNames.VERDICTS)).as("verdict versions counted")
                .isEqualTo(result.verdictVersions());
        assertThat(sum(tollgate, MetricNames.RECORDS_IN)).as("records read").isEqualTo(result.records());
        assertThat(sum(tollgate, MetricNames.DEAD_LETTERS)).as("dead letters")
                .isEqualTo(result.deadLetters().size()).isPositive();
        assertThat(sum(tollgate, MetricNames.LATE_EVENTS) + sum(tollgate, MetricNames.EVENTS_AFTER_FINAL))
                .as("late events").isEqualTo(result.lateEvents().size());
        // every order is final and cleared once the input ends
        assertThat(sum(tollgate, MetricNames.OPEN_ORDERS)).as("open orders at the end").isZero();
        assertThat(tollgate.stream().filter(r -> r.name().equals(MetricNames.CONTROL_VERSION)
                        && "base".equals(r.labels().get("<" + MetricNames.VERSION + ">")))
                .mapToLong(MetricsITCase::value).max()).hasValue(1);
        long latencies = tollgate.stream().filter(r -> r.name().equals(MetricNames.VERDICT_LATENCY))
                .mapToLong(r -> ((Histogram) r.metric()).getCount()).sum();
        assertThat(latencies).isPositive();
    }

    private static long sum(List<Registered> metrics, String name) {
        return metrics.stream().filter(r -> r.name().equals(name)).mapToLong(MetricsITCase::value).sum();
    }

    private static long value(Registered r) {
        if (r.metric() instanceof Counter c) {
            return c.getCount();
        }
        if (r.metric() instanceof Gauge<?> g && g.getValue() instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException(r.name() + " is neither a counter nor a numeric gauge");
    }

    /** The Tollgate metric names the dashboard queries (the last part of {@code tollgate_<labels>_<name>}). */
    private static Set<String> dashboardNames() throws Exception {
        Set<String> out = new TreeSet<>();
        for (Dashboard.Query q : Dashboard.queries(Path.of("..", "dashboards", "grafana", "tollgate-overview.json"))) {
            Dashboard.tollgateMetrics(q.expr()).forEach(parts -> out.add(parts.get(parts.size() - 1)));
        }
        assertThat(out).hasSizeGreaterThan(8);
        return out;
    }
}
