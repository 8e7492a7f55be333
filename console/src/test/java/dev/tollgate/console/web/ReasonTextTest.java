package dev.tollgate.console.web;

import dev.tollgate.detectors.rules.ReasonCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReasonTextTest {
    @Test
    void everyReasonCodeHasItsOwnPlainSentence() {
        for (ReasonCode c : ReasonCode.values()) {
            assertThat(ReasonText.why(c.name())).as(c.name()).doesNotContain("not described").endsWith(".");
        }
        assertThat(ReasonText.why("NEW_CODE")).contains("NEW_CODE", "not described");
    }

    @Test
    void evidenceReadsAsLabelledLines() {
        List<ReasonText.Shown> shown = ReasonText.reasons("[{\"code\":\"DEVICE_SWITCH\",\"severity\":\"review\","
                + "\"detector\":\"fraud.deviceSwitch\",\"evidence\":{\"clickDevice\":\"d1\",\"orderDevice\":\"d2\","
                + "\"signals\":[\"payment_on_other_device\",\"app\"],\"click\":{\"ts\":\"2026-11-01T10:00:00Z\"},"
                + "\"items\":[{\"sku\":\"a\"},{\"sku\":\"b\"}]}}]");
        assertThat(shown).singleElement().satisfies(r -> {
            assertThat(r.why()).startsWith("The order was placed or paid on another device");
            assertThat(r.evidence()).containsExactly(
                    new ReasonText.Line("click device", "d1"),
                    new ReasonText.Line("order device", "d2"),
                    new ReasonText.Line("signals", "payment_on_other_device, app"),
                    new ReasonText.Line("click › ts", "2026-11-01T10:00:00Z"),
                    new ReasonText.Line("items #1 › sku", "a"),
                    new ReasonText.Line("items #2 › sku", "b"));
        });
    }

    @Test
    void unreadableReasonsSaySoInsteadOfFailingThePage() {
        assertThat(ReasonText.reasons("not json")).singleElement()
                .satisfies(r -> assertThat(r.why()).startsWith("The stored reasons could not be read"));
    }
}
