package dev.tollgate.tools.kafka;

import dev.tollgate.jobs.kafka.KafkaClients;
import dev.tollgate.detectors.verdict.Verdict;
import dev.tollgate.detectors.verdict.VerdictJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Reads a topic from the beginning as the ledger does, {@code read_committed}: only records of committed transactions,
 * each once. Stops when nothing new arrived for {@code idle} after the first record (a job still starting up has
 * not written yet), when {@code done} holds for what was read, or after {@code max}.
 */
public final class VerdictReader {
    private VerdictReader() {
    }

    public static List<String> readValues(String bootstrap, String topic, Duration idle, Duration max,
                                          Predicate<List<String>> done) {
        return readValues(KafkaClients.plaintext(bootstrap), topic, idle, max, done);
    }

    /**
     * A consumer of every partition of {@code topic} from its beginning, {@code read_committed}, committing no
     * offsets: how the ledger reads.
     *
     * @param client bootstrap servers and security settings (see {@link KafkaClients}), and any tuning of the caller
     */
    public static KafkaConsumer<String, String> fromBeginning(java.util.Map<String, String> client, String topic) {
        Properties p = KafkaClients.properties(client);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** @param client bootstrap servers and security settings (see {@link KafkaClients}) */
    public static List<String> readValues(java.util.Map<String, String> client, String topic, Duration idle,
                                          Duration max, Predicate<List<String>> done) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = fromBeginning(client, topic)) {
            long deadline = System.nanoTime() + max.toNanos();
            long lastNew = System.nanoTime();
            while (System.nanoTime() < deadline && (values.isEmpty() || System.nanoTime() - lastNew < idle.toNanos())) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, String> r : records) {
                    values.add(r.value());
                }
                if (!records.isEmpty()) {
                    lastNew = System.nanoTime();
                    if (done.test(values)) {
                        break;
                    }
                }
            }
        }
        return values;
    }

    /** What must agree between runs of the same input: decision and reason codes per order. */
    public static java.util.Map<String, String> outcomes(Iterable<Verdict> verdicts) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        for (Verdict v : verdicts) {
            out.put(v.orderId(), v.decision() + " " + v.reasons().stream()
                    .map(dev.tollgate.detectors.verdict.Reason::code).sorted().toList());
        }
        return out;
    }

    public static List<Verdict> readVerdicts(String bootstrap, String topic, Duration idle, Duration max,
                                             Predicate<List<Verdict>> done) {
        return readVerdicts(KafkaClients.plaintext(bootstrap), topic, idle, max, done);
    }

    public static List<Verdict> readVerdicts(java.util.Map<String, String> client, String topic, Duration idle,
                                             Duration max, Predicate<List<Verdict>> done) {
        List<String> values = readValues(client, topic, idle, max,
                v -> done.test(v.stream().map(VerdictJson::read).toList()));
        return values.stream().map(VerdictJson::read).toList();
    }
}
