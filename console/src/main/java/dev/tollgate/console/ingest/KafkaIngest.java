package dev.tollgate.console.ingest;

import dev.tollgate.console.store.ConsoleStore;
import dev.tollgate.console.store.InputRow;
import dev.tollgate.detectors.parse.EventParser;
import dev.tollgate.detectors.verdict.Verdict;
import dev.tollgate.detectors.verdict.VerdictJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feeds the store from Kafka on its own thread: the verdict topic and the evidence topics, {@code read_committed},
 * from the offsets the store holds (the beginning the first time). Each poll is stored with its offsets in one
 * transaction, so the store survives restarts and catches up from where it stopped, without a consumer group. A
 * verdict that cannot be read is logged and skipped (the job wrote it; nothing else writes that topic).
 */
public final class KafkaIngest implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaIngest.class);
    private static final Duration REASSIGN_EVERY = Duration.ofSeconds(10);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ConsoleTopics topics;
    private final ConsoleStore store;
    private final EvidenceRows evidence;
    private final Thread thread;
    private final AtomicLong verdictsRead = new AtomicLong();
    private final AtomicLong eventsRead = new AtomicLong();
    private volatile boolean running = true;
    private volatile Exception failure;

    public KafkaIngest(String bootstrap, ConsoleTopics topics, ConsoleStore store, EvidenceRows evidence) {
        this(java.util.Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), topics, store, evidence);
    }

    /** @param client Kafka client settings: bootstrap servers plus the deployment's TLS/SASL settings */
    public KafkaIngest(java.util.Map<String, String> client, ConsoleTopics topics, ConsoleStore store,
                       EvidenceRows evidence) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(p);
        this.topics = topics;
        this.store = store;
        this.evidence = evidence;
        this.thread = new Thread(this::run, "console-ingest");
        this.thread.setDaemon(true);
    }

    public KafkaIngest start() {
        thread.start();
        return this;
    }

    /** Verdict versions stored since start. */
    public long verdictsRead() {
        return verdictsRead.get();
    }

    public long eventsRead() {
        return eventsRead.get();
    }

    /** The error that stopped ingestion, or {@code null} while it runs. */
    public Exception failure() {
        return failure;
    }

    private void run() {
        Set<TopicPartition> assigned = new HashSet<>();
        long nextAssign = 0;
        try {
            while (running) {
                if (System.nanoTime() >= nextAssign) {
                    assigned = reassign(assigned);
                    nextAssign = System.nanoTime() + REASSIGN_EVERY.toNanos();
                }
                if (assigned.isEmpty()) {
                    consumer.poll(Duration.ZERO);
                    waitFor(Duration.ofMillis(500));
                    continue;
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    store(records);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (Exception e) {
            failure = e;
            LOG.error("console ingestion stopped", e);
        }
    }

    private synchronized void waitFor(Duration d) throws InterruptedException {
        if (running) {
            wait(d.toMillis());
        }
    }

    /** Assigns every partition of the topics that exist, seeking new ones to the store's offsets. */
    private Set<TopicPartition> reassign(Set<TopicPartition> current) {
        Set<TopicPartition> all = new HashSet<>();
        Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(10));
        for (String topic : topics.read()) {
            List<PartitionInfo> parts = existing.get(topic);
            if (parts != null) {
                parts.forEach(pi -> all.add(new TopicPartition(topic, pi.partition())));
            }
        }
        if (all.equals(current)) {
            return current;
        }
        consumer.assign(all);
        Map<String, Map<Integer, Long>> stored = store.offsets();
        for (TopicPartition tp : all) {
            if (!current.contains(tp)) {
                Long next = stored.getOrDefault(tp.topic(), Map.of()).get(tp.partition());
                if (next != null) {
                    consumer.seek(tp, next);
                } else {
                    consumer.seekToBeginning(List.of(tp));
                }
            }
        }
        return all;
    }

    private void store(ConsumerRecords<byte[], byte[]> records) {
        List<Verdict> verdicts = new ArrayList<>();
        List<InputRow> rows = new ArrayList<>();
        Map<String, Map<Integer, Long>> next = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            next.computeIfAbsent(r.topic(), t -> new HashMap<>()).put(r.partition(), r.offset() + 1);
            String value = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
            if (r.topic().equals(topics.verdicts())) {
                if (value == null) {
                    continue;
                }
                try {
                    verdicts.add(VerdictJson.read(value));
                } catch (RuntimeException e) {
                    LOG.warn("unreadable verdict at {}/{}@{} skipped: {}", r.topic(), r.partition(), r.offset(),
                            e.getMessage());
                }
            } else {
                Header program = r.headers().lastHeader(EventParser.PROGRAM_HEADER);
                rows.addAll(evidence.rows(value, r.topic() + "/" + r.partition() + "@" + r.offset(),
                        topics.evidence().get(r.topic()),
                        program == null ? null : new String(program.value(), StandardCharsets.UTF_8)));
            }
        }
        // the newest position per partition, whatever order the records came in
        store.ingest(verdicts, rows, next);
        verdictsRead.addAndGet(verdicts.size());
        eventsRead.addAndGet(rows.size());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        consumer.wakeup();
        thread.join(10_000);
        consumer.close(Duration.ofSeconds(5));
    }
}
