package dev.tollgate.detectors.signing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvidenceKeyTest {
    private static final String SECRET = "a-secret-of-the-deployment-0123456789";

    @Test
    void theHashIsAnHmacThatDependsOnTheKeyAndTheAddress() {
        EvidenceKey key = EvidenceKey.of(SECRET);
        String h = key.hash("203.0.113.7");
        assertThat(h).matches("[0-9a-f]{12}").isEqualTo(EvidenceKey.of(SECRET).hash("203.0.113.7"));
        assertThat(key.hash("203.0.113.8")).isNotEqualTo(h);
        assertThat(EvidenceKey.of(SECRET + "x").hash("203.0.113.7")).isNotEqualTo(h);
        assertThat(EvidenceKey.DEVELOPMENT.hash("203.0.113.7")).isNotEqualTo(h);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> EvidenceKey.of("short")).hasMessageContaining("at least 32 characters");
    }

    @Test
    void theFileWinsOverTheEnvironmentAndNeitherMeansTheDevelopmentKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("evidence.key");
        Files.writeString(file, "# rotated 2026-12\n\n" + SECRET + "\n");
        Map<String, String> env = Map.of(EvidenceKey.ENVIRONMENT_VARIABLE, SECRET + "-env");
        assertThat(EvidenceKey.fromFileOrEnvironment(file, env)).isEqualTo(EvidenceKey.of(SECRET));
        assertThat(EvidenceKey.fromFileOrEnvironment(null, env)).isEqualTo(EvidenceKey.of(SECRET + "-env"));
        EvidenceKey none = EvidenceKey.fromFileOrEnvironment(null, Map.of());
        assertThat(none.isDevelopment()).isTrue();
        assertThat(EvidenceKey.of(SECRET).isDevelopment()).isFalse();
        Files.writeString(file, "# nothing here\n");
        assertThatThrownBy(() -> EvidenceKey.fromFileOrEnvironment(file, env)).hasMessageContaining("holds no key");
    }

    @Test
    void neverShowsTheSecretAndSurvivesSerialisation() throws Exception {
        EvidenceKey key = EvidenceKey.of(SECRET);
        assertThat(key.toString()).doesNotContain(SECRET).contains(key.id());
        String before = key.hash("2001:db8::1");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(key);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(((EvidenceKey) in.readObject()).hash("2001:db8::1")).isEqualTo(before);
        }
    }
}
