package dev.tollgate.tools.evaluate;

import dev.tollgate.detectors.model.Label;
import dev.tollgate.detectors.model.Money;
import dev.tollgate.detectors.verdict.Reason;
import dev.tollgate.detectors.verdict.Verdict;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the newest verdict of every labelled order with its label: per reason code true and false positives and
 * negatives (a reason counts when the verdict lists it at any severity but {@code shadow}), the decision confusion
 * matrix, the false-flag rate on clean orders (a clean order whose verdict is not CREDIT or lists any deciding reason)
 * the labelled orders that got no verdict, and, for labels that state an {@code eligibleAmount}, how many verdicts carry
 * exactly that amount and how much money the others are off by.
 */
public final class Evaluation {
    /** Counts for one reason code. */
    public record ReasonScore(String code, int truePositives, int falsePositives, int falseNegatives) {
        public double precision() {
            int flagged = truePositives + falsePositives;
            return flagged == 0 ? 1.0 : (double) truePositives / flagged;
        }

        public double recall() {
            int actual = truePositives + falseNegatives;
            return actual == 0 ? 1.0 : (double) truePositives / actual;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        public int support() {
            return truePositives + falseNegatives;
        }
    }

    /** A misclassified order: the reason code in question, the label and what the verdict said, with evidence. */
    public record Miss(String orderId, String code, String labelDecision, String verdictDecision, double score,
                       String evidence) {
    }

    /** An order whose verdict's eligible amount differs from its label's. */
    public record AmountMiss(String orderId, Money expected, Money actual) {
    }

    /** Shadow findings of a code: how many orders a rule under trial would flag, and how many of them rightly. */
    public record ShadowScore(String code, int wouldFlag, int rightly) {
    }

    private static final int WORST = 10;
    private final Map<String, int[]> counts = new TreeMap<>();
    private final Map<String, int[]> shadow = new TreeMap<>();
    private final List<Miss> falsePositives = new java.util.ArrayList<>();
    private final List<Miss> falseNegatives = new java.util.ArrayList<>();
    private final Map<String, Map<String, Integer>> confusion = new TreeMap<>();
    private final Set<String> missing = new TreeSet<>();
    private int clean;
    private int cleanFlagged;
    private int amountsLabelled;
    private final List<AmountMiss> amountMisses = new java.util.ArrayList<>();
    private final Map<String, BigDecimal> amountDifference = new TreeMap<>();

    public Evaluation(Map<String, Label> labels, List<Verdict> verdicts) {
        Map<String, Verdict> byOrder = new TreeMap<>();
        verdicts.forEach(v -> byOrder.put(v.orderId(), v));
        labels.forEach((orderId, label) -> {
            Verdict v = byOrder.get(orderId);
            if (v == null) {
                missing.add(orderId);
                return;
            }
            Set<String> expected = new HashSet<>(label.reasons());
            Set<String> got = new HashSet<>();
            for (Reason r : v.reasons()) {
                if ("shadow".equals(r.severity())) {
                    int[] s = shadow.computeIfAbsent(r.code(), k -> new int[2]);
                    s[0]++;
                    s[1] += expected.contains(r.code()) ? 1 : 0;
                } else {
                    got.add(r.code());
                }
            }
            Set<String> all = new TreeSet<>(expected);
            all.addAll(got);
            for (String code : all) {
                int[] c = counts.computeIfAbsent(code, k -> new int[3]);
                if (expected.contains(code) && got.contains(code)) {
                    c[0]++;
                } else if (got.contains(code)) {
                    c[1]++;
                    falsePositives.add(new Miss(orderId, code, label.decision(), v.decision().name(), v.score(),
                            v.reasons().stream().filter(r -> r.code().equals(code)).map(Reason::evidence)
                                    .findFirst().orElse("{}")));
                } else {
                    c[2]++;
                    falseNegatives.add(new Miss(orderId, code, label.decision(), v.decision().name(), v.score(),
                            "{}"));
                }
            }
            if (label.eligibleAmount() != null) {
                scoreAmount(orderId, label.eligibleAmount(), v.eligibleAmount());
            }
            confusion.computeIfAbsent(label.decision(), k -> new TreeMap<>())
                    .merge(v.decision().name(), 1, Integer::sum);
            if (expected.isEmpty()) {
                clean++;
                boolean deciding = v.reasons().stream()
                        .anyMatch(r -> "exclude".equals(r.severity()) || "review".equals(r.severity()));
                if (deciding || !"CREDIT".equals(v.decision().name())) {
                    cleanFlagged++;
                }
            }
        });
    }

    private void scoreAmount(String orderId, Money expected, Money actual) {
        amountsLabelled++;
        boolean same = actual != null && actual.currency().equals(expected.currency())
                && actual.compareValue(expected) == 0;
        if (same) {
            return;
        }
        amountMisses.add(new AmountMiss(orderId, expected, actual));
        BigDecimal off = actual == null || !actual.currency().equals(expected.currency()) ? expected.value().abs()
                : actual.value().subtract(expected.value()).abs();
        amountDifference.merge(expected.currency(), off, BigDecimal::add);
    }

    /** Labels that state an eligible amount. */
    public int amountsLabelled() {
        return amountsLabelled;
    }

    /** The share of labelled amounts the verdicts match exactly (1 when no label states one). */
    public double amountMatchRate() {
        return amountsLabelled == 0 ? 1.0 : (double) (amountsLabelled - amountMisses.size()) / amountsLabelled;
    }

    /**
     * Per label currency, the sum of absolute differences between labelled and verdict amounts (a missing amount or one
     * in another currency counts as the whole labelled amount).
     */
    public Map<String, BigDecimal> amountDifference() {
        return amountDifference;
    }

    /** The orders whose eligible amount is off, in order id order (at most ten). */
    public List<AmountMiss> worstAmountMisses() {
        return amountMisses.stream().sorted(java.util.Comparator.comparing(AmountMiss::orderId)).limit(WORST).toList();
    }

    /** The false positives, highest fraud score first (at most ten). */
    public List<Miss> worstFalsePositives() {
        return falsePositives.stream().sorted(java.util.Comparator.comparingDouble(Miss::score).reversed()
                .thenComparing(Miss::orderId)).limit(WORST).toList();
    }

    /** The false negatives, in order id order (at most ten). */
    public List<Miss> worstFalseNegatives() {
        return falseNegatives.stream().sorted(java.util.Comparator.comparing(Miss::orderId)).limit(WORST).toList();
    }

    public List<ShadowScore> shadowFindings() {
        return shadow.entrySet().stream().map(e -> new ShadowScore(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .toList();
    }

    /** Everything above as one JSON document (report/evaluation.json). */
    public String json() {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = mapper.createObjectNode();
        var reasons = root.putArray("reasons");
        for (ReasonScore s : reasons()) {
            reasons.addObject().put("code", s.code()).put("precision", s.precision()).put("recall", s.recall())
                    .put("f1", s.f1()).put("support", s.support()).put("truePositives", s.truePositives())
                    .put("falsePositives", s.falsePositives()).put("falseNegatives", s.falseNegatives());
        }
        root.set("confusion", mapper.valueToTree(confusion));
        root.put("cleanOrders", clean).put("falseFlagRate", falseFlagRate());
        root.set("ordersWithoutVerdict", mapper.valueToTree(missing));
        var amounts = root.putObject("eligibleAmount");
        amounts.put("labelled", amountsLabelled).put("matching", amountsLabelled - amountMisses.size())
                .put("matchRate", amountMatchRate());
        var diff = amounts.putObject("difference");
        amountDifference.forEach((currency, value) -> diff.put(currency, value.toPlainString()));
        var amountMissNode = amounts.putArray("worstMisses");
        worstAmountMisses().forEach(m -> amountMissNode.addObject().put("orderId", m.orderId())
                .put("expected", m.expected().rounded().toString())
                .put("actual", m.actual() == null ? null : m.actual().rounded().toString()));
        var shadowNode = root.putArray("shadow");
        shadowFindings().forEach(s -> shadowNode.addObject().put("code", s.code()).put("wouldFlag", s.wouldFlag())
                .put("rightly", s.rightly()));
        root.set("worstFalsePositives", misses(mapper, worstFalsePositives()));
        root.set("worstFalseNegatives", misses(mapper, worstFalseNegatives()));
        return root.toPrettyString();
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode misses(
            com.fasterxml.jackson.databind.ObjectMapper mapper, List<Miss> misses) {
        var arr = mapper.createArrayNode();
        for (Miss m : misses) {
            var n = arr.addObject().put("orderId", m.orderId()).put("code", m.code())
                    .put("labelDecision", m.labelDecision()).put("verdictDecision", m.verdictDecision())
                    .put("score", m.score());
            try {
                n.set("evidence", mapper.readTree(m.evidence()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                n.put("evidence", m.evidence());
            }
        }
        return arr;
    }

    public List<ReasonScore> reasons() {
        return counts.entrySet().stream()
                .map(e -> new ReasonScore(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2])).toList();
    }

    public ReasonScore reason(String code) {
        int[] c = counts.getOrDefault(code, new int[3]);
        return new ReasonScore(code, c[0], c[1], c[2]);
    }

    /** Expected decision → actual decision → orders. */
    public Map<String, Map<String, Integer>> confusion() {
        return confusion;
    }

    public double falseFlagRate() {
        return clean == 0 ? 0 : (double) cleanFlagged / clean;
    }

    public int cleanOrders() {
        return clean;
    }

    public Set<String> missingVerdicts() {
        return missing;
    }

    /** A plain-text table, one row per reason code. */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format("%-28s %9s %9s %7s %8s%n", "reason", "precision", "recall",
                "f1", "support"));
        for (ReasonScore s : reasons()) {
            sb.append(String.format("%-28s %9.3f %9.3f %7.3f %8d%n", s.code(), s.precision(), s.recall(), s.f1(),
                    s.support()));
        }
        sb.append(String.format("clean orders %d, falsely flagged %.2f %%, orders without verdict %d%n", clean,
                100 * falseFlagRate(), missing.size()));
        if (amountsLabelled > 0) {
            sb.append(String.format("eligible amounts matching %d of %d (%.2f %%)", amountsLabelled - amountMisses.size(),
                    amountsLabelled, 100 * amountMatchRate()));
            amountDifference.forEach((currency, value) -> sb.append(String.format(", off by %s %s", value.toPlainString(),
                    currency)));
            sb.append(String.format("%n"));
            for (AmountMiss m : worstAmountMisses()) {
                sb.append(String.format("  %s expected %s got %s%n", m.orderId(), m.expected().rounded(),
                        m.actual() == null ? "none" : m.actual().rounded()));
            }
        }
        for (ShadowScore s : shadowFindings()) {
            sb.append(String.format("shadow %-21s would flag %d orders, %d of them labelled with it%n", s.code(),
                    s.wouldFlag(), s.rightly()));
        }
        return sb.toString();
    }
}
