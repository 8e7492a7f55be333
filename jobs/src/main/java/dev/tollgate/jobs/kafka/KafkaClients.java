package dev.tollgate.jobs.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The settings every Kafka client of Tollgate shares: the bootstrap servers plus whatever a deployment's brokers ask
 * of a client (TLS, SASL/SCRAM, timeouts), from a standard client properties file as Kafka's own tools take it
 * ({@code --command-config}). Secrets need not be in the file: Kafka's config providers resolve, for example,
 * {@code ${env:TOLLGATE_KAFKA_PASSWORD}} when the client starts (on each TaskManager for the job), so the job graph
 * and the logs carry only the placeholder.
 *
 * <p>Every client (the job's source and sinks, the console, the loaders and readers, topic creation) takes its
 * settings from the one map, then adds what belongs to its role (serialisers, isolation, transactions), which the file
 * may therefore not set.
 */
public final class KafkaClients {
    /** Settings Tollgate chooses per client; a file that sets one of them is refused, naming it. */
    static final Set<String> OWNED = Set.of("bootstrap.servers", "key.serializer", "value.serializer",
            "key.deserializer", "value.deserializer", "group.id", "transactional.id", "isolation.level",
            "enable.auto.commit", "enable.idempotence");

    private KafkaClients() {
    }

    /** The settings of a broker that asks nothing of its clients. */
    public static Map<String, String> plaintext(String bootstrap) {
        return Map.of("bootstrap.servers", bootstrap);
    }

    /**
     * {@code bootstrap} plus the settings of {@code file} ({@code null}: none).
     *
     * @throws IllegalArgumentException naming the file and key when the file sets what Tollgate chooses
     */
    public static Map<String, String> of(String bootstrap, Path file) throws IOException {
        Map<String, String> client = new TreeMap<>();
        if (file != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            for (String key : p.stringPropertyNames()) {
                if (OWNED.contains(key)) {
                    throw new IllegalArgumentException(file + ": '" + key + "' is set by Tollgate for each client"
                            + (key.equals("bootstrap.servers") ? " (use --bootstrap)" : "") + "; remove it");
                }
                client.put(key, p.getProperty(key));
            }
        }
        client.put("bootstrap.servers", bootstrap);
        return Map.copyOf(client);
    }

    public static String bootstrap(Map<String, String> client) {
        return client.get("bootstrap.servers");
    }

    /** The settings as client properties, to which the caller adds its role's own. */
    public static Properties properties(Map<String, String> client) {
        Properties p = new Properties();
        p.putAll(client);
        return p;
    }

    /** The settings except the bootstrap servers (for builders that take those apart). */
    public static Map<String, String> withoutBootstrap(Map<String, String> client) {
        Map<String, String> rest = new LinkedHashMap<>(client);
        rest.remove("bootstrap.servers");
        return rest;
    }
}
