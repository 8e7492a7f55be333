package dev.tollgate.tools.cli;

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
        Tally tally = new Tally();
        newest.forEach(tally);
        tally.print(out);
    }

    /** Counts verdicts as they stream past, so a summary never needs them all in memory. */
    static final class Tally implements java.util.function.Consumer<Verdict> {
        private final Map<String, Long> decisions = new TreeMap<>();
        private final Map<String, Long> reasons = new TreeMap<>();
        private long fin;
        private long total;

        @Override
        public void accept(Verdict v) {
            total++;
            decisions.merge(v.decision().name(), 1L, Long::sum);
            fin += v.fin() ? 1 : 0;
            for (Reason r : v.reasons()) {
                reasons.merge(r.code() + " (" + r.severity() + ")", 1L, Long::sum);
            }
        }

        void print(PrintWriter out) {
            out.println("decisions:");
            decisions.forEach((k, v) -> out.printf("  %-8s %6d%n", k, v));
            out.printf("  final    %6d of %d%n", fin, total);
            out.println("reasons:");
            reasons.forEach((k, v) -> out.printf("  %-42s %6d%n", k, v));
        }
    }
}
