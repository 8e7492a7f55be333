package dev.tollgate.jobs.cli;

import dev.tollgate.detectors.verdict.Reason;
import dev.tollgate.detectors.verdict.Verdict;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The summary the commands print: verdicts per decision (and how many are final) and per reason and severity. */
final class VerdictSummary {
    private VerdictSummary() {
    }

    static void print(List<Verdict> newest, PrintWriter out) {
        Map<String, Integer> decisions = new TreeMap<>();
        Map<String, Integer> reasons = new TreeMap<>();
        int fin = 0;
        for (Verdict v : newest) {
            decisions.merge(v.decision().name(), 1, Integer::sum);
            fin += v.fin() ? 1 : 0;
            for (Reason r : v.reasons()) {
                reasons.merge(r.code() + " (" + r.severity() + ")", 1, Integer::sum);
            }
        }
        out.println("decisions:");
        decisions.forEach((k, v) -> out.printf("  %-8s %6d%n", k, v));
        out.printf("  final    %6d of %d%n", fin, newest.size());
        out.println("reasons:");
        reasons.forEach((k, v) -> out.printf("  %-42s %6d%n", k, v));
    }
}
