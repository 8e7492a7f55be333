package dev.tollgate.tools.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The queries of a Grafana dashboard JSON, as the snapshot draws them and the tests check them. */
public final class Dashboard {
    /** A Tollgate metric as the Prometheus reporter names it: {@code ..._tollgate_<group keys>_<name>}. */
    private static final Pattern TOLLGATE_METRIC = Pattern.compile("_tollgate_([A-Za-z_]+)");

    private Dashboard() {
    }

    /** One target of a panel. */
    public record Query(String panel, String refId, String expr, String legend) {
    }

    /** Every panel's targets, in the dashboard's order. */
    public static List<Query> queries(Path dashboardJson) throws IOException {
        List<Query> out = new ArrayList<>();
        for (JsonNode panel : new ObjectMapper().readTree(dashboardJson.toFile()).path("panels")) {
            for (JsonNode t : panel.path("targets")) {
                out.add(new Query(panel.path("title").asText(), t.path("refId").asText(), t.path("expr").asText(),
                        t.path("legendFormat").asText("")));
            }
        }
        return out;
    }

    /** The title of the dashboard. */
    public static String title(Path dashboardJson) throws IOException {
        return new ObjectMapper().readTree(dashboardJson.toFile()).path("title").asText();
    }

    /** The Tollgate metrics an expression reads, each as its parts: the group keys, then the metric's name. */
    public static List<List<String>> tollgateMetrics(String expr) {
        List<List<String>> out = new ArrayList<>();
        Matcher m = TOLLGATE_METRIC.matcher(expr);
        while (m.find()) {
            out.add(Arrays.asList(m.group(1).split("_")));
        }
        return out;
    }
}
