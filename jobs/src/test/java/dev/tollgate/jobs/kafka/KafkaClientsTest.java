package dev.tollgate.jobs.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClientsTest {
    @Test
    void aFileAddsItsSettingsToTheBootstrapServers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "# the cluster's TLS\nsecurity.protocol=SSL\nssl.truststore.location=/etc/ca.p12\n");
        assertThat(KafkaClients.of("k1:9093", file)).containsEntry("bootstrap.servers", "k1:9093")
                .containsEntry("security.protocol", "SSL").containsEntry("ssl.truststore.location", "/etc/ca.p12")
                .hasSize(3);
        assertThat(KafkaClients.withoutBootstrap(KafkaClients.of("k1:9093", file))).doesNotContainKey(
                "bootstrap.servers").hasSize(2);
        assertThat(KafkaClients.of("k1:9092", null)).isEqualTo(KafkaClients.plaintext("k1:9092"));
    }

    @Test
    void aFileMayNotSetWhatEachClientChooses(@TempDir Path dir) throws Exception {
        for (String key : KafkaClients.OWNED) {
            Path file = dir.resolve(key + ".properties");
            Files.writeString(file, key + "=x\n");
            assertThatThrownBy(() -> KafkaClients.of("k1:9092", file)).as(key)
                    .hasMessageContaining("'" + key + "' is set by Tollgate");
        }
    }
}
