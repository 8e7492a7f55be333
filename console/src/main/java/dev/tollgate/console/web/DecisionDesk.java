package dev.tollgate.console.web;

import dev.tollgate.console.store.ConsoleStore;
import dev.tollgate.console.store.DecisionRow;
import dev.tollgate.detectors.model.AnalystDecision;
import dev.tollgate.detectors.parse.DecisionJson;
import dev.tollgate.detectors.signing.RecordSignature;
import dev.tollgate.detectors.signing.SigningKeys;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends analysts' decisions to the decisions topic, signed, at most once per form: the decision is recorded under the
 * form's one-time key first, then sent (idempotent producer, acks=all) and marked sent. A double click or a retried
 * POST finds the key taken and sends nothing new; a decision recorded but not marked sent (a crash, a broker outage)
 * is sent again, byte for byte, at the next start or retry, and the job ignores a ruling it already applied.
 */
public final class DecisionDesk implements AutoCloseable {
    private final ConsoleStore store;
    private final SigningKeys keys;
    private final String topic;
    private final KafkaProducer<String, String> producer;
    private final Clock clock;

    public DecisionDesk(String bootstrap, String topic, ConsoleStore store, SigningKeys keys, Clock clock) {
        this(java.util.Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), topic, store, keys, clock);
    }

    /** @param client Kafka client settings: bootstrap servers plus the deployment's TLS/SASL settings */
    public DecisionDesk(java.util.Map<String, String> client, String topic, ConsoleStore store, SigningKeys keys,
                        Clock clock) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
        this.store = store;
        this.keys = keys;
        this.topic = topic;
        this.clock = clock;
    }

    /** What became of a decision. */
    public record Outcome(DecisionRow decision, boolean repeated) {
    }

    /**
     * Records and sends a decision of {@code analyst} (the authenticated user, never a form field).
     *
     * @param key the form's one-time key
     * @throws IllegalStateException when the broker did not take it (it stays recorded and is sent on the next try)
     */
    public Outcome decide(String key, String orderId, String decision, String analyst, String note,
                          boolean reversal) {
        AnalystDecision d = new AnalystDecision(orderId, decision, analyst, note, clock.millis());
        String record = DecisionJson.write(d);
        DecisionRow row = store.recordDecision(new DecisionRow(key, orderId, decision, analyst, note,
                java.time.Instant.ofEpochMilli(d.ts()), reversal, record, false));
        boolean repeated = !row.record().equals(record);
        if (!row.sent()) {
            send(row);
        }
        return new Outcome(row, repeated);
    }

    /** Sends what was recorded but not sent; returns how many. */
    public int resendUnsent() {
        int n = 0;
        for (DecisionRow row : store.unsentDecisions()) {
            send(row);
            n++;
        }
        return n;
    }

    private void send(DecisionRow row) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, null, row.ts().toEpochMilli(), row.orderId(),
                row.record());
        r.headers().add(RecordSignature.HEADER, RecordSignature.sign(keys, row.record())
                .getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(r).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending the decision", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the decisions topic did not take the decision (it is kept and sent "
                    + "again): " + e.getMessage(), e);
        }
        store.markSent(row.key());
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
