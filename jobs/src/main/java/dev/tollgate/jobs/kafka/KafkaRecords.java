package dev.tollgate.jobs.kafka;

import dev.tollgate.detectors.parse.EventParser;
import dev.tollgate.detectors.parse.FutureTimestamps;
import dev.tollgate.detectors.parse.InputType;
import dev.tollgate.detectors.signing.RecordSignature;
import dev.tollgate.jobs.pipeline.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/**
 * Turns a Kafka record into a raw record: its text, where it came from ({@code topic/partition@offset}, carried into
 * dead letters), the contract type its topic implies, the program a {@value #PROGRAM_HEADER} header names and the
 * signature of a decision or control record ({@link RecordSignature#HEADER}). Never fails: a null or undecodable value
 * becomes a dead letter downstream.
 */
public final class KafkaRecords implements KafkaRecordDeserializationSchema<RawRecord> {
    /** Record header naming the program of a bare native order (a feed topic may carry several programs). */
    public static final String PROGRAM_HEADER = EventParser.PROGRAM_HEADER;

    private final TopicNames topics;
    private final FutureTimestamps future;

    /** @param future which record timestamps (event times, as producers set them) are believed */
    public KafkaRecords(TopicNames topics, FutureTimestamps future) {
        this.topics = topics;
        this.future = future;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        String value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        InputType type = topics.typeOf(record.topic());
        // a control change carries no event time: its record timestamp is when the operator sent it
        String refused = type == InputType.CONTROL ? null
                : future.refusal(record.timestamp(), System.currentTimeMillis());
        out.collect(new RawRecord(source(record.topic(), record.partition(), record.offset()), value, type,
                header(record, PROGRAM_HEADER),
                header(record, RecordSignature.HEADER), refused));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static String source(String topic, int partition, long offset) {
        return topic + "/" + partition + "@" + offset;
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
