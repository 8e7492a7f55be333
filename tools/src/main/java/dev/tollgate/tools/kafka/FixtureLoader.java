package dev.tollgate.tools.kafka;

import dev.tollgate.jobs.kafka.KafkaClients;
import dev.tollgate.jobs.kafka.TopicNames;

import dev.tollgate.jobs.kafka.KafkaRecords;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.detectors.model.ContractEvent;
import dev.tollgate.detectors.parse.EventParser;
import dev.tollgate.detectors.parse.InputType;
import dev.tollgate.detectors.parse.ParserSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import dev.tollgate.detectors.signing.RecordSignature;
import dev.tollgate.detectors.signing.SigningKeys;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongConsumer;

/**
 * Produces fixture lines to Tollgate's topics as the upstream systems would: each record on the topic of its type,
 * native payloads unwrapped onto their feed topics, labels stripped, keyed (clicks and sessions by click id, orders
 * and decisions by order id, native orders by their order id), and timestamped with the event's time (the newest one
 * for a native snapshot), since the job's event time comes from record timestamps. A wrapped native record's
 * {@code program} travels in the {@value KafkaRecords#PROGRAM_HEADER} header. Lines without a readable type are
 * counted and skipped.
 */
public final class FixtureLoader implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaProducer<String, String> producer;
    private final TopicNames topics;
    private final EventParser parser;
    private long skipped;
    private SigningKeys signingKeys;
    private java.util.function.ObjLongConsumer<String> onSend = (key, nanos) -> { };
    private final java.util.concurrent.atomic.AtomicLong failed = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicReference<String> firstFailure =
            new java.util.concurrent.atomic.AtomicReference<>();

    public FixtureLoader(String bootstrap, TopicNames topics, ParserSettings parserSettings) {
        this(KafkaClients.plaintext(bootstrap), topics, parserSettings);
    }

    /** @param client bootstrap servers and security settings (see {@link KafkaClients}) */
    public FixtureLoader(java.util.Map<String, String> client, TopicNames topics, ParserSettings parserSettings) {
        Properties p = KafkaClients.properties(client);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // one request in flight per connection: records keep their event-time order through retries
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        this.producer = new KafkaProducer<>(p);
        this.topics = topics;
        this.parser = new EventParser(parserSettings);
    }

    /** Signs the decision and control lines with {@code keys} (the job refuses them unsigned); {@code null}: not. */
    public FixtureLoader signingWith(SigningKeys keys) {
        this.signingKeys = keys;
        return this;
    }

    /**
     * Sends every line, at most {@code ratePerSecond} a second (0: as fast as possible); {@code progress} hears the
     * number sent so far.
     */
    public long load(List<String> lines, double ratePerSecond, LongConsumer progress) throws InterruptedException {
        long sent = 0;
        long started = System.nanoTime();
        for (String line : inEventTimeOrder(lines)) {
            if (line.isBlank()) {
                continue;
            }
            if (send(line)) {
                sent++;
            }
            if (ratePerSecond > 0) {
                long due = started + (long) (sent * 1_000_000_000L / ratePerSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            progress.accept(sent);
        }
        producer.flush();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + sent + " records were refused by the broker; the "
                    + "first: " + firstFailure.get() + " (a broker rejects record timestamps far from its clock "
                    + "unless log.message.timestamp.after.max.ms / before.max.ms allow them)");
        }
        return sent;
    }

    /**
     * Upstream systems publish events as they happen: lines from several files (or an unsorted file) are sent in the
     * order of their newest event time (a native snapshot is published when its newest step happened). Stable, so
     * lines with equal times keep their order; unreadable lines go first.
     */
    public List<String> inEventTimeOrder(List<String> lines) {
        List<Map.Entry<Long, String>> timed = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            long ts = Long.MIN_VALUE;
            for (ContractEvent e : parser.parse(line, "load", null).events()) {
                ts = Math.max(ts, e.ts());
            }
            timed.add(Map.entry(ts, line));
        }
        timed.sort(Map.Entry.comparingByKey());
        return timed.stream().map(Map.Entry::getValue).toList();
    }

    /** Hears the key and send time ({@link System#nanoTime()}) of every order record sent (for benchmarks). */
    public void onSend(java.util.function.ObjLongConsumer<String> listener) {
        this.onSend = listener;
    }

    public long skipped() {
        return skipped;
    }

    private boolean send(String line) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (Exception e) {
            skipped++;
            return false;
        }
        InputType type = root instanceof ObjectNode o && o.path("type").isTextual()
                ? InputType.fromWire(o.get("type").asText()) : null;
        if (type == null) {
            skipped++;
            return false;
        }
        ObjectNode value = ((ObjectNode) root).deepCopy();
        value.remove("label");
        String program = null;
        if (type == InputType.ALIEXPRESS_ORDER || type == InputType.AWIN_TRANSACTION) {
            program = value.path("program").isTextual() ? value.get("program").asText() : null;
            value = value.get("payload") instanceof ObjectNode payload ? payload : value;
        } else {
            value.remove("type");
        }
        Long ts = null;
        String key = null;
        for (ContractEvent e : parser.parse(line, "load", null).events()) {
            ts = ts == null ? e.ts() : Math.max(ts, e.ts());
            key = key != null ? key : keyOf(e);
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(topics.forType(type), null, ts, key,
                value.toString());
        if (program != null) {
            record.headers().add(KafkaRecords.PROGRAM_HEADER, program.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (signingKeys != null && (type == InputType.DECISION || type == InputType.CONTROL)) {
            record.headers().add(RecordSignature.HEADER, RecordSignature.sign(signingKeys, record.value())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (type == InputType.ORDER || type == InputType.ALIEXPRESS_ORDER || type == InputType.AWIN_TRANSACTION) {
            onSend.accept(key, System.nanoTime());
        }
        producer.send(record, (meta, error) -> {
            if (error != null) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, error.getClass().getSimpleName() + ": " + error.getMessage());
            }
        });
        return true;
    }

    private static String keyOf(ContractEvent e) {
        if (e instanceof dev.tollgate.detectors.model.ClickEvent c) {
            return c.clickId();
        }
        if (e instanceof dev.tollgate.detectors.model.SessionEvent s) {
            return s.clickId();
        }
        if (e instanceof dev.tollgate.detectors.model.OrderEvent o) {
            return o.orderId();
        }
        if (e instanceof dev.tollgate.detectors.model.AnalystDecision d) {
            return d.orderId();
        }
        return null;
    }

    @Override
    public void close() {
        producer.close();
    }
}
