package dev.tollgate.tools.cluster;

import dev.tollgate.jobs.pipeline.MetricNames;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Tollgate metric a dashboard panel queries is one the job registers: its name and its label groups are
 * {@link MetricNames} constants (the Prometheus reporter writes {@code tollgate_<group keys>_<name>}). ClusterITCase
 * then runs each query against a live Prometheus.
 */
class DashboardNamesTest {
    @Test
    void everyTollgateMetricOfTheDashboardIsRegisteredByTheJob() throws Exception {
        Set<String> constants = new HashSet<>();
        for (Field f : MetricNames.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                constants.add((String) f.get(null));
            }
        }
        Set<String> unknown = new TreeSet<>();
        int seen = 0;
        for (Dashboard.Query q : Dashboard.queries(Path.of("..", "dashboards", "grafana", "tollgate-overview.json"))) {
            for (List<String> metric : Dashboard.tollgateMetrics(q.expr())) {
                seen++;
                for (String part : metric) {
                    if (!constants.contains(part)) {
                        unknown.add(part + " in " + String.join("_", metric) + " (" + q.panel() + ")");
                    }
                }
            }
        }
        assertThat(seen).isGreaterThanOrEqualTo(10);
        assertThat(unknown).isEmpty();
    }
}
