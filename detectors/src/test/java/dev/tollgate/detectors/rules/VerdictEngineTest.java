package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.policy.Severity;
import dev.tollgate.detectors.verdict.Decision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictEngineTest {
    private static Finding f(ReasonCode code, Severity s) {
        return Finding.of(code, s, "test", Evidence.of("k", 1));
    }

    @Test
    void theReasonsAloneDecide() {
        assertThat(VerdictEngine.decide(List.of())).isEqualTo(Decision.CREDIT);
        assertThat(VerdictEngine.decide(List.of(f(ReasonCode.COMMISSION_CAPPED, Severity.INFO),
                f(ReasonCode.COOKIE_STUFFING, Severity.SHADOW)))).isEqualTo(Decision.CREDIT);
        assertThat(VerdictEngine.decide(List.of(f(ReasonCode.DEVICE_SWITCH, Severity.REVIEW))))
                .isEqualTo(Decision.REVIEW);
        assertThat(VerdictEngine.decide(List.of(f(ReasonCode.DEVICE_SWITCH, Severity.REVIEW),
                f(ReasonCode.NOT_COMPLETED, Severity.EXCLUDE)))).isEqualTo(Decision.EXCLUDE);
    }

    @Test
    void onlyFraudEvidenceRaisesTheScore() {
        assertThat(VerdictEngine.score(List.of(f(ReasonCode.NOT_COMPLETED, Severity.EXCLUDE)))).isZero();
        assertThat(VerdictEngine.score(List.of(f(ReasonCode.SANCTIONED_ORIGIN, Severity.EXCLUDE)))).isEqualTo(0.9);
        assertThat(VerdictEngine.score(List.of(f(ReasonCode.SANCTIONED_ORIGIN, Severity.EXCLUDE),
                f(ReasonCode.DEVICE_SWITCH, Severity.REVIEW)))).isEqualTo(0.96);
        assertThat(VerdictEngine.score(List.of(f(ReasonCode.BOT_TRAFFIC, Severity.SHADOW)))).isZero();
    }
}
