package dev.tollgate.tools.evaluate;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation as one self-contained HTML page (inline CSS and SVG, no scripts, no network): summary, per-reason
 * table with precision/recall bars, confusion matrix, threshold curves of a sweep, and the misclassified orders with
 * their evidence. Readable offline.
 */
public final class HtmlReport {
    /** One value of a swept setting and its evaluation. */
    public record SweepPoint(String value, Evaluation evaluation) {
    }

    private HtmlReport() {
    }

    /**
     * @param sweeps per swept setting (dotted path), its points in value order; empty for a plain evaluation
     */
    public static String render(String title, Evaluation e, Map<String, List<SweepPoint>> sweeps) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2433}")
                .append("table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccd;padding:.3rem .6rem;")
                .append("text-align:right}th{background:#eef}td.l,th.l{text-align:left}")
                .append(".bad{color:#b00020}code{font-size:.85em}svg{background:#fafbff;border:1px solid #dde}")
                .append("</style></head><body>");
        h.append("<h1>").append(esc(title)).append("</h1>");
        h.append("<section id=\"summary\"><h2>Summary</h2><p>").append(e.cleanOrders())
                .append(" clean orders, ").append(fmt(100 * e.falseFlagRate())).append(" % falsely flagged; ")
                .append(e.missingVerdicts().size()).append(" labelled orders without a verdict.</p></section>");

        h.append("<section id=\"reasons\"><h2>Per reason</h2><table><tr><th class=\"l\">reason</th>")
                .append("<th>precision</th><th>recall</th><th>F1</th><th>support</th><th class=\"l\">")
                .append("precision / recall</th></tr>");
        for (Evaluation.ReasonScore s : e.reasons()) {
            h.append("<tr><td class=\"l\">").append(esc(s.code())).append("</td><td>").append(fmt(s.precision()))
                    .append("</td><td>").append(fmt(s.recall())).append("</td><td>").append(fmt(s.f1()))
                    .append("</td><td>").append(s.support()).append("</td><td class=\"l\">")
                    .append(bars(s.precision(), s.recall())).append("</td></tr>");
        }
        h.append("</table></section>");

        h.append("<section id=\"confusion\"><h2>Decisions (label → verdict)</h2><table><tr><th class=\"l\">label</th>");
        List<String> decisions = List.of("CREDIT", "REVIEW", "EXCLUDE");
        decisions.forEach(d -> h.append("<th>").append(d).append("</th>"));
        h.append("</tr>");
        for (String expected : decisions) {
            h.append("<tr><th class=\"l\">").append(expected).append("</th>");
            for (String got : decisions) {
                int n = e.confusion().getOrDefault(expected, Map.of()).getOrDefault(got, 0);
                h.append("<td").append(!expected.equals(got) && n > 0 ? " class=\"bad\"" : "").append(">").append(n)
                        .append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table></section>");

        if (!sweeps.isEmpty()) {
            h.append("<section id=\"sweeps\"><h2>Threshold curves</h2>");
            sweeps.forEach((setting, points) -> h.append("<h3>").append(esc(setting)).append("</h3>")
                    .append(curve(points)));
            h.append("</section>");
        }

        if (!e.shadowFindings().isEmpty()) {
            h.append("<section id=\"shadow\"><h2>Shadow rules</h2><table><tr><th class=\"l\">reason</th>")
                    .append("<th>would flag</th><th>labelled with it</th></tr>");
            e.shadowFindings().forEach(s -> h.append("<tr><td class=\"l\">").append(esc(s.code())).append("</td><td>")
                    .append(s.wouldFlag()).append("</td><td>").append(s.rightly()).append("</td></tr>"));
            h.append("</table></section>");
        }

        h.append("<section id=\"misses\"><h2>Misclassified orders</h2>");
        misses(h, "False positives", e.worstFalsePositives());
        misses(h, "False negatives", e.worstFalseNegatives());
        h.append("</section></body></html>\n");
        return h.toString();
    }

    private static void misses(StringBuilder h, String title, List<Evaluation.Miss> misses) {
        h.append("<h3>").append(title).append("</h3>");
        if (misses.isEmpty()) {
            h.append("<p>None.</p>");
            return;
        }
        h.append("<table><tr><th class=\"l\">order</th><th class=\"l\">reason</th><th class=\"l\">label</th>")
                .append("<th class=\"l\">verdict</th><th>score</th><th class=\"l\">evidence</th></tr>");
        for (Evaluation.Miss m : misses) {
            h.append("<tr><td class=\"l\">").append(esc(m.orderId())).append("</td><td class=\"l\">")
                    .append(esc(m.code())).append("</td><td class=\"l\">").append(esc(m.labelDecision()))
                    .append("</td><td class=\"l\">").append(esc(m.verdictDecision())).append("</td><td>")
                    .append(fmt(m.score())).append("</td><td class=\"l\"><code>").append(esc(m.evidence()))
                    .append("</code></td></tr>");
        }
        h.append("</table>");
    }

    private static String bars(double precision, double recall) {
        return "<svg class=\"chart\" width=\"204\" height=\"24\" role=\"img\" aria-label=\"precision "
                + fmt(precision) + ", recall " + fmt(recall) + "\"><rect x=\"2\" y=\"2\" height=\"9\" width=\""
                + fmt(200 * precision) + "\" fill=\"#3461c1\"/><rect x=\"2\" y=\"13\" height=\"9\" width=\""
                + fmt(200 * recall) + "\" fill=\"#2e9d6b\"/></svg>";
    }

    /** Micro-averaged precision (blue), recall (green) and F1 (black), and the clean false-flag rate (red). */
    private static String curve(List<SweepPoint> points) {
        int w = 560;
        int hgt = 220;
        int pad = 30;
        StringBuilder p = new StringBuilder();
        StringBuilder r = new StringBuilder();
        StringBuilder f = new StringBuilder();
        StringBuilder ff = new StringBuilder();
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            double x = pad + (points.size() == 1 ? 0 : (w - 2.0 * pad) * i / (points.size() - 1));
            Evaluation ev = points.get(i).evaluation();
            double precision = avg(ev, true);
            double recall = avg(ev, false);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            p.append(fmt(x)).append(',').append(fmt(y(precision, hgt, pad))).append(' ');
            r.append(fmt(x)).append(',').append(fmt(y(recall, hgt, pad))).append(' ');
            f.append(fmt(x)).append(',').append(fmt(y(f1, hgt, pad))).append(' ');
            ff.append(fmt(x)).append(',').append(fmt(y(ev.falseFlagRate(), hgt, pad))).append(' ');
            labels.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(hgt - 8)
                    .append("\" font-size=\"10\" text-anchor=\"middle\">").append(esc(points.get(i).value()))
                    .append("</text>");
        }
        return "<svg class=\"chart curve\" width=\"" + w + "\" height=\"" + hgt + "\" role=\"img\">"
                + "<polyline fill=\"none\" stroke=\"#3461c1\" stroke-width=\"2\" points=\"" + p + "\"/>"
                + "<polyline fill=\"none\" stroke=\"#2e9d6b\" stroke-width=\"2\" points=\"" + r + "\"/>"
                + "<polyline fill=\"none\" stroke=\"#1d2433\" stroke-width=\"2\" points=\"" + f + "\"/>"
                + "<polyline fill=\"none\" stroke=\"#b00020\" stroke-width=\"1\" points=\"" + ff + "\"/>"
                + labels + "</svg><p>precision (blue), recall (green) and F1 (black), micro-averaged over every "
                + "reason code; false-flag rate on clean orders (red)</p>";
    }

    /** Micro-averaged precision or recall over the reasons that occur. */
    private static double avg(Evaluation e, boolean precision) {
        int tp = 0;
        int other = 0;
        for (Evaluation.ReasonScore s : e.reasons()) {
            tp += s.truePositives();
            other += precision ? s.falsePositives() : s.falseNegatives();
        }
        return tp + other == 0 ? 1.0 : (double) tp / (tp + other);
    }

    private static double y(double value, int height, int pad) {
        return height - pad - value * (height - 2.0 * pad);
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
