package dev.tollgate.detectors.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.detectors.model.Money;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictJsonTest {
    private final Verdict verdict = new Verdict("o1", "aliexpress-portals", Decision.EXCLUDE, true, 3, 0.9,
            List.of(new Reason("SANCTIONED_ORIGIN", "exclude", "sanctionedOrigin", "{\"country\":\"IR\"}")),
            Money.of("12.30", "USD"), 1_763_633_730_120L, 1_763_633_800_000L, "aliexpress-portals@1#abcd1234", null);

    @Test
    void writesEveryContractFieldWithTheContractNames() throws Exception {
        JsonNode n = new ObjectMapper().readTree(VerdictJson.write(verdict));
        assertThat(n.fieldNames()).toIterable().containsExactly("orderId", "program", "decision", "final", "version",
                "score", "reasons", "eligibleAmount", "eventTime", "decidedAt", "policyVersion");
        assertThat(n.get("final").asBoolean()).isTrue();
        assertThat(n.at("/reasons/0/evidence/country").asText()).isEqualTo("IR");
        assertThat(n.at("/eligibleAmount/value").asText()).isEqualTo("12.30");
        assertThat(n.get("eventTime").asText()).isEqualTo("2025-11-20T10:15:30.120Z");
    }

    @Test
    void readsBackWhatItWrote() {
        assertThat(VerdictJson.read(VerdictJson.write(verdict))).isEqualTo(verdict);
    }
}
