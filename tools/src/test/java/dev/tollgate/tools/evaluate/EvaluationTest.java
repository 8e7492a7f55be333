package dev.tollgate.tools.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.detectors.model.Label;
import dev.tollgate.detectors.model.Money;
import dev.tollgate.detectors.verdict.Decision;
import dev.tollgate.detectors.verdict.Reason;
import dev.tollgate.detectors.verdict.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Evaluation metrics against values computed by hand on a small labelled set. */
class EvaluationTest {
    private static Verdict v(String order, Decision d, double score, Reason... reasons) {
        return new Verdict(order, "aliexpress-portals", d, true, 1, score, List.of(reasons), null, 0, 0, "p", null);
    }

    private static Reason r(String code, String severity) {
        return new Reason(code, severity, "test", "{\"seen\":\"" + code + "\"}");
    }

    private final Map<String, Label> labels = Map.of(
            "o1", new Label("EXCLUDE", List.of("BOT_TRAFFIC")),
            "o2", new Label("EXCLUDE", List.of("BOT_TRAFFIC")),
            "o3", new Label("EXCLUDE", List.of("POPUP_TRAFFIC")),
            "o4", new Label("CREDIT", List.of()),
            "o5", new Label("CREDIT", List.of()),
            "o6", new Label("REVIEW", List.of("DEVICE_SWITCH")));

    private final List<Verdict> verdicts = List.of(
            v("o1", Decision.EXCLUDE, 0.9, r("BOT_TRAFFIC", "exclude")),
            v("o2", Decision.CREDIT, 0.0),
            v("o3", Decision.EXCLUDE, 0.9, r("BOT_TRAFFIC", "exclude")),
            v("o4", Decision.CREDIT, 0.0, r("COOKIE_STUFFING", "shadow")),
            v("o5", Decision.REVIEW, 0.6, r("DEVICE_SWITCH", "review")));

    private final Evaluation e = new Evaluation(labels, verdicts);

    @Test
    void computesPrecisionRecallAndF1PerReason() {
        // BOT_TRAFFIC: TP o1, FP o3, FN o2 -> P 1/2, R 1/2, F1 1/2
        Evaluation.ReasonScore bot = e.reason("BOT_TRAFFIC");
        assertThat(bot.truePositives()).isEqualTo(1);
        assertThat(bot.falsePositives()).isEqualTo(1);
        assertThat(bot.falseNegatives()).isEqualTo(1);
        assertThat(bot.precision()).isCloseTo(0.5, within(1e-9));
        assertThat(bot.recall()).isCloseTo(0.5, within(1e-9));
        assertThat(bot.f1()).isCloseTo(0.5, within(1e-9));
        // POPUP_TRAFFIC: FN o3 only -> recall 0, precision 1 (nothing flagged), support 1
        assertThat(e.reason("POPUP_TRAFFIC").recall()).isZero();
        assertThat(e.reason("POPUP_TRAFFIC").support()).isEqualTo(1);
        // DEVICE_SWITCH: FP on clean o5; o6 has no verdict -> not counted
        assertThat(e.reason("DEVICE_SWITCH").precision()).isZero();
    }

    @Test
    void countsTheConfusionMatrixCleanFalseFlagsMissingVerdictsAndShadowFindings() {
        assertThat(e.confusion()).isEqualTo(Map.of(
                "EXCLUDE", Map.of("EXCLUDE", 2, "CREDIT", 1),
                "CREDIT", Map.of("CREDIT", 1, "REVIEW", 1)));
        assertThat(e.cleanOrders()).isEqualTo(2);
        assertThat(e.falseFlagRate()).isCloseTo(0.5, within(1e-9));
        assertThat(e.missingVerdicts()).containsExactly("o6");
        assertThat(e.shadowFindings()).containsExactly(new Evaluation.ShadowScore("COOKIE_STUFFING", 1, 0));
        assertThat(e.reason("COOKIE_STUFFING").falsePositives()).as("shadow never counts as a finding").isZero();
    }

    @Test
    void listsTheWorstMissesWithEvidenceAndWritesThemAsJson() throws Exception {
        assertThat(e.worstFalsePositives()).extracting(Evaluation.Miss::orderId).containsExactly("o3", "o5");
        assertThat(e.worstFalsePositives().get(0).evidence()).contains("BOT_TRAFFIC");
        assertThat(e.worstFalseNegatives()).extracting(Evaluation.Miss::orderId).containsExactly("o2", "o3");
        var json = new ObjectMapper().readTree(e.json());
        assertThat(json.get("falseFlagRate").asDouble()).isEqualTo(0.5);
        assertThat(json.at("/worstFalsePositives/0/evidence/seen").asText()).isEqualTo("BOT_TRAFFIC");
    }

    @Test
    void scoresEligibleAmountsWhereTheLabelsStateThem() throws Exception {
        Map<String, Label> amounts = Map.of(
                "a1", new Label("CREDIT", List.of(), Money.of("51.27", "USD")),
                "a2", new Label("CREDIT", List.of(), Money.of("100.00", "USD")),
                "a3", new Label("CREDIT", List.of("SERVICE_FEE_EXCLUDED"), Money.of("55.50", "USD")),
                "a4", new Label("CREDIT", List.of()));
        List<Verdict> got = List.of(
                withAmount("a1", Money.of("51.270", "USD")),
                withAmount("a2", Money.of("99.99", "USD")),
                withAmount("a3", Money.of("59.94", "USD")),
                withAmount("a4", Money.of("1.00", "USD")));
        Evaluation amountsOnly = new Evaluation(amounts, got);
        assertThat(amountsOnly.amountsLabelled()).isEqualTo(3);
        assertThat(amountsOnly.amountMatchRate()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(amountsOnly.amountDifference()).containsOnlyKeys("USD");
        assertThat(amountsOnly.amountDifference().get("USD")).isEqualByComparingTo("4.45");
        assertThat(amountsOnly.worstAmountMisses()).extracting(Evaluation.AmountMiss::orderId)
                .containsExactly("a2", "a3");
        assertThat(amountsOnly.table()).contains("eligible amounts matching 1 of 3");
        var json = new ObjectMapper().readTree(amountsOnly.json());
        assertThat(json.at("/eligibleAmount/matching").asInt()).isEqualTo(1);
        assertThat(json.at("/eligibleAmount/difference/USD").asText()).isEqualTo("4.45");
        assertThat(e.amountsLabelled()).as("labels without amounts score none").isZero();
        assertThat(e.amountMatchRate()).isEqualTo(1.0);
    }

    private static Verdict withAmount(String order, Money amount) {
        return new Verdict(order, "aliexpress-portals", Decision.CREDIT, true, 1, 0, List.of(), amount, 0, 0, "p", null);
    }
}
