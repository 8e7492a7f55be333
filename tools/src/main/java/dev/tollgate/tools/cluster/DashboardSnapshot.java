package dev.tollgate.tools.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The panels of a Grafana dashboard JSON drawn from a Prometheus server's data into one static HTML page (inline SVG,
 * nothing fetched by the page): what the dashboards show, for a machine without Grafana.
 */
public final class DashboardSnapshot {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};
    private static final int W = 540;
    private static final int H = 190;
    private static final int MAX_SERIES = 8;

    private final URI prometheus;
    private final HttpClient http = HttpClient.newHttpClient();

    public DashboardSnapshot(URI prometheus) {
        this.prometheus = prometheus;
    }

    /** One line of a panel: its legend and its points (epoch seconds, value). */
    record Series(String legend, List<double[]> points) {
    }

    /**
     * Draws every panel of {@code dashboard} over the {@code range} up to now into {@code out}.
     *
     * @param panels the panel titles to draw, or empty for all
     * @return the titles of the panels that had no data
     */
    public List<String> render(Path dashboard, Duration range, List<String> panels, Path out)
            throws IOException, InterruptedException {
        String name = escape(Dashboard.title(dashboard));
        long end = Instant.now().getEpochSecond();
        long start = end - range.toSeconds();
        long step = Math.max(1, range.toSeconds() / 240);
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
                .append(name).append("</title><style>body{font:13px sans-serif;"
                        + "margin:16px;background:#fff}h1{font-size:18px}.p{display:inline-block;margin:6px;"
                        + "border:1px solid #ddd;padding:6px;vertical-align:top}.t{font-weight:bold;margin-bottom:4px}"
                        + ".l{font-size:11px;max-width:" + W + "px}</style></head><body><h1>")
                .append(name).append("</h1><div>Prometheus ")
                .append(escape(prometheus.toString())).append(", the last ").append(range.toSeconds())
                .append(" s to ").append(Instant.ofEpochSecond(end)).append("</div>");
        Map<String, List<Dashboard.Query>> byPanel = new LinkedHashMap<>();
        for (Dashboard.Query q : Dashboard.queries(dashboard)) {
            if (panels.isEmpty() || panels.contains(q.panel())) {
                byPanel.computeIfAbsent(q.panel(), k -> new ArrayList<>()).add(q);
            }
        }
        List<String> withoutData = new ArrayList<>();
        for (Map.Entry<String, List<Dashboard.Query>> panel : byPanel.entrySet()) {
            String title = panel.getKey();
            List<Series> series = new ArrayList<>();
            for (Dashboard.Query q : panel.getValue()) {
                series.addAll(query(q.expr(), q.legend(), start, end, step));
            }
            if (series.isEmpty()) {
                withoutData.add(title);
            }
            html.append("<div class=\"p\"><div class=\"t\">").append(escape(title)).append("</div>")
                    .append(svg(series.subList(0, Math.min(MAX_SERIES, series.size())), start, end))
                    .append("<div class=\"l\">");
            for (int i = 0; i < Math.min(MAX_SERIES, series.size()); i++) {
                html.append("<span style=\"color:").append(COLOURS[i % COLOURS.length]).append("\">&#9632; ")
                        .append(escape(series.get(i).legend())).append("</span> ");
            }
            if (series.size() > MAX_SERIES) {
                html.append("(+").append(series.size() - MAX_SERIES).append(" more)");
            }
            html.append("</div></div>");
        }
        html.append("</body></html>\n");
        Files.writeString(out, html);
        return withoutData;
    }

    private List<Series> query(String expr, String legendFormat, long start, long end, long step)
            throws IOException, InterruptedException {
        String url = prometheus + "/api/v1/query_range?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)
                + "&start=" + start + "&end=" + end + "&step=" + step;
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(r.body());
        if (!"success".equals(answer.path("status").asText())) {
            throw new IOException("Prometheus refused " + expr + ": " + r.body());
        }
        List<Series> out = new ArrayList<>();
        for (JsonNode s : answer.path("data").path("result")) {
            String legend = legendFormat;
            var labels = s.path("metric").fields();
            while (labels.hasNext()) {
                var l = labels.next();
                legend = legend.replace("{{" + l.getKey() + "}}", l.getValue().asText());
            }
            List<double[]> points = new ArrayList<>();
            for (JsonNode v : s.path("values")) {
                double value = Double.parseDouble(v.get(1).asText());
                if (!Double.isNaN(value) && !Double.isInfinite(value)) {
                    points.add(new double[] {v.get(0).asDouble(), value});
                }
            }
            out.add(new Series(legend.isBlank() ? expr : legend, points));
        }
        return out;
    }

    private static String svg(List<Series> series, long start, long end) {
        double max = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                max = Math.max(max, p[1]);
            }
        }
        double top = max <= 0 ? 1 : max * 1.1;
        StringBuilder svg = new StringBuilder("<svg width=\"" + W + "\" height=\"" + H
                + "\" xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"100%\" height=\"100%\" fill=\"#fafafa\"/>");
        int left = 56;
        int bottom = H - 18;
        for (int i = 0; i <= 4; i++) {
            double v = top * i / 4;
            int y = bottom - (bottom - 6) * i / 4;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#e5e5e5\"/>"
                    + "<text x=\"2\" y=\"%d\" font-size=\"10\">%s</text>", left, y, W - 4, y, y + 3, number(v)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">-%d s</text>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"10\">now</text>", left, H - 4, end - start, W - 26, H - 4));
        for (int i = 0; i < series.size(); i++) {
            StringBuilder path = new StringBuilder();
            for (double[] p : series.get(i).points()) {
                double x = left + (W - 4 - left) * (p[0] - start) / Math.max(1, end - start);
                double y = bottom - (bottom - 6) * p[1] / top;
                path.append(path.isEmpty() ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f ", x, y));
            }
            svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke-width=\"1.5\" stroke=\"")
                    .append(COLOURS[i % COLOURS.length]).append("\"/>");
        }
        return svg.append("</svg>").toString();
    }

    private static String number(double v) {
        if (v >= 1e9) {
            return String.format(Locale.ROOT, "%.1fG", v / 1e9);
        }
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        if (v >= 10 || v == 0) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, v >= 0.1 ? "%.2f" : "%.1e", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
