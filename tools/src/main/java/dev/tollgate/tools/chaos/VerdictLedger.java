package dev.tollgate.tools.chaos;

import dev.tollgate.detectors.verdict.Verdict;
import dev.tollgate.detectors.verdict.VerdictJson;
import dev.tollgate.tools.kafka.VerdictReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the verdict topic {@code read_committed} from the beginning for as long as a chaos run lasts, as the ledger
 * service would, and keeps what a ledger can check: every version of every order in the order read. Survives broker
 * restarts (the consumer reconnects); a transaction a killed producer left open holds it at that point until the
 * transaction is aborted, which is what the run must show does not last.
 */
final class VerdictLedger implements AutoCloseable {
    private final Thread thread;
    private final Map<String, List<Integer>> versions = new HashMap<>();
    private final Map<String, Verdict> newest = new HashMap<>();
    private volatile boolean running = true;
    private volatile long read;
    private volatile long lastReadNanos = System.nanoTime();
    private volatile Exception failure;

    VerdictLedger(String bootstrap, String topic) {
        Map<String, String> client = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        thread = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = VerdictReader.fromBeginning(client, topic)) {
                while (running) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        Verdict v = VerdictJson.read(r.value());
                        synchronized (this) {
                            versions.computeIfAbsent(v.orderId(), k -> new ArrayList<>()).add(v.version());
                            newest.merge(v.orderId(), v, (a, b) -> b.version() > a.version() ? b : a);
                        }
                        read++;
                        lastReadNanos = System.nanoTime();
                    }
                }
            } catch (Exception e) {
                failure = e;
            }
        }, "chaos-ledger");
        thread.setDaemon(true);
        thread.start();
    }

    long read() {
        return read;
    }

    /** How long since the last verdict was read. */
    Duration quietFor() {
        return Duration.ofNanos(System.nanoTime() - lastReadNanos);
    }

    synchronized int orders() {
        return newest.size();
    }

    synchronized Map<String, Verdict> newest() {
        return new HashMap<>(newest);
    }

    synchronized Map<String, List<Integer>> versions() {
        Map<String, List<Integer>> copy = new HashMap<>();
        versions.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    Exception failure() {
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
