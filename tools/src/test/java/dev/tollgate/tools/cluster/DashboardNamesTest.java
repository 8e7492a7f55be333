package dev.tollgate.tools.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.jobs.pipeline.MetricNames;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Tollgate metric a dashboard panel queries is one the job registers: its name and its label groups are
 * {@link MetricNames} constants (the Prometheus reporter writes {@code tollgate_<group keys>_<name>}). ClusterITCase
 * then runs each query against a live Prometheus.
 */
class DashboardNamesTest {
    private static final Pattern TOLLGATE_METRIC = Pattern.compile("_tollgate_([A-Za-z_]+)");

    @Test
    void everyTollgateMetricOfTheDashboardIsRegisteredByTheJob() throws Exception {
        Set<String> constants = new HashSet<>();
        for (Field f : MetricNames.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                constants.add((String) f.get(null));
            }
        }
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("..", "dashboards", "grafana",
                "tollgate-overview.json").toFile());
        Set<String> unknown = new TreeSet<>();
        int seen = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = TOLLGATE_METRIC.matcher(target.path("expr").asText());
                while (m.find()) {
                    seen++;
                    for (String part : m.group(1).split("_")) {
                        if (!constants.contains(part)) {
                            unknown.add(part + " in " + m.group());
                        }
                    }
                }
            }
        }
        assertThat(seen).isGreaterThanOrEqualTo(10);
        assertThat(unknown).isEmpty();
    }
}
