package dev.tollgate.detectors.signing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordSignatureTest {
    private static final String OLD = "an old secret of more than thirty-two characters";
    private static final String NEW = "the new secret and also longer than thirty-two characters";
    private static final String DECISION =
            "{\"orderId\":\"o-1\",\"decision\":\"CREDIT\",\"analyst\":\"ana\",\"note\":\"ok\",\"ts\":\"2026-11-01T10:00:00Z\"}";

    @Test
    void aSignedRecordVerifies() {
        SigningKeys keys = SigningKeys.of(List.of(NEW));
        String sig = RecordSignature.sign(keys, DECISION);
        assertThat(sig).startsWith("v1:" + keys.signingKeyId() + ":");
        assertThat(RecordSignature.verify(keys, DECISION, sig)).isEqualTo(RecordSignature.Check.VALID);
    }

    @Test
    void anyChangeToTheRecordBreaksTheSignature() {
        SigningKeys keys = SigningKeys.of(List.of(NEW));
        String sig = RecordSignature.sign(keys, DECISION);
        assertThat(RecordSignature.verify(keys, DECISION.replace("ana", "eve"), sig))
                .isEqualTo(RecordSignature.Check.WRONG);
        assertThat(RecordSignature.verify(keys, DECISION.replace("CREDIT", "EXCLUDE"), sig))
                .isEqualTo(RecordSignature.Check.WRONG);
        assertThat(RecordSignature.verify(keys, null, sig)).isEqualTo(RecordSignature.Check.WRONG);
    }

    @Test
    void unsignedForgedAndForeignSignaturesAreRefusedWithTheirReason() {
        SigningKeys keys = SigningKeys.of(List.of(NEW));
        SigningKeys other = SigningKeys.of(List.of(OLD));
        assertThat(RecordSignature.verify(keys, DECISION, null)).isEqualTo(RecordSignature.Check.MISSING);
        assertThat(RecordSignature.verify(keys, DECISION, "sha256=abc")).isEqualTo(RecordSignature.Check.MALFORMED);
        assertThat(RecordSignature.verify(keys, DECISION, "v1:" + keys.signingKeyId() + ":*not base64*"))
                .isEqualTo(RecordSignature.Check.MALFORMED);
        assertThat(RecordSignature.verify(keys, DECISION, RecordSignature.sign(other, DECISION)))
                .isEqualTo(RecordSignature.Check.UNKNOWN_KEY);
        // a forger who knows the key id but not the secret
        String forged = "v1:" + keys.signingKeyId() + ":" + RecordSignature.sign(other, DECISION).split(":")[2];
        assertThat(RecordSignature.verify(keys, DECISION, forged)).isEqualTo(RecordSignature.Check.WRONG);
    }

    @Test
    void theFirstKeySignsAndEveryKeyVerifiesSoKeysRotate() {
        SigningKeys before = SigningKeys.of(List.of(OLD));
        SigningKeys rotating = SigningKeys.of(List.of(NEW, OLD));
        String oldSig = RecordSignature.sign(before, DECISION);
        assertThat(RecordSignature.verify(rotating, DECISION, oldSig)).isEqualTo(RecordSignature.Check.VALID);
        assertThat(rotating.signingKeyId()).isNotEqualTo(before.signingKeyId());
        assertThat(RecordSignature.verify(before, DECISION, RecordSignature.sign(rotating, DECISION)))
                .isEqualTo(RecordSignature.Check.UNKNOWN_KEY);
    }

    @Test
    void shortSecretsAreRefusedAndNoSecretIsEverPrinted() {
        assertThatThrownBy(() -> SigningKeys.of(List.of("short"))).hasMessageContaining("at least 32");
        SigningKeys keys = SigningKeys.of(List.of(NEW));
        assertThat(keys.toString()).doesNotContain(NEW).contains(keys.signingKeyId());
    }

    @Test
    void keysComeFromAFileOrTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, "# rotated 2026-11-30\n" + NEW + "\n\n" + OLD + "\n");
        SigningKeys fromFile = SigningKeys.fromFileOrEnvironment(file, Map.of());
        assertThat(fromFile.signingKeyId()).isEqualTo(SigningKeys.of(List.of(NEW)).signingKeyId());
        SigningKeys fromEnv = SigningKeys.fromFileOrEnvironment(null,
                Map.of(SigningKeys.ENVIRONMENT_VARIABLE, NEW + "," + OLD));
        assertThat(RecordSignature.verify(fromEnv, DECISION, RecordSignature.sign(fromFile, DECISION)))
                .isEqualTo(RecordSignature.Check.VALID);
        assertThat(SigningKeys.fromFileOrEnvironment(null, Map.of())).isNull();
        Files.writeString(file, "# nothing\n");
        assertThatThrownBy(() -> SigningKeys.fromFile(file)).hasMessageContaining("holds no key");
    }
}
