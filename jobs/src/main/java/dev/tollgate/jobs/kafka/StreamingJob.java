package dev.tollgate.jobs.kafka;

import dev.tollgate.detectors.parse.DeadLetter;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.signing.SigningKeys;
import dev.tollgate.detectors.verdict.VerdictJson;
import dev.tollgate.jobs.pipeline.LateEventJson;
import dev.tollgate.jobs.pipeline.Outputs;
import dev.tollgate.jobs.pipeline.RawRecord;
import dev.tollgate.jobs.pipeline.TollgatePipeline;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Tollgate's main job: the topology of {@link TollgatePipeline} between Kafka topics, with exactly-once verdicts.
 *
 * <p>Event time comes from the Kafka record timestamps, per partition (the source's watermarks are the minimum over
 * its partitions, so a lagging topic holds event time back instead of making everything else look late); producers
 * set the record timestamp to the event's time ({@code tollgate load} does). Verdicts go to the compacted verdict
 * topic keyed by order id through a transactional KafkaSink: the transaction commits on each checkpoint, and a
 * consumer reading {@code read_committed} sees each verdict version exactly once, across failures and restarts.
 */
public final class StreamingJob {
    /**
     * The producer transaction timeout: below the broker's {@code transaction.max.timeout.ms} (15 minutes by
     * default; a larger value fails the job at start), and far above a checkpoint interval plus its duration, so a
     * transaction is never aborted while its checkpoint completes.
     */
    public static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

    private StreamingJob() {
    }

    /**
     * Options of one deployment.
     *
     * @param signingKeys the keys whose signatures make a decision or control record valid; {@code null} refuses them
     *     all (see {@link VerifyRulings})
     */
    public record Options(Map<String, String> client, TopicNames topics, String groupId,
                          String transactionalIdPrefix, SigningKeys signingKeys) {
        public static Options defaults(String bootstrap, TopicNames topics) {
            return defaults(KafkaClients.plaintext(bootstrap), topics);
        }

        /** @param client bootstrap servers and security settings (see {@link KafkaClients}) */
        public static Options defaults(Map<String, String> client, TopicNames topics) {
            String id = topics.prefix().replaceAll("[^A-Za-z0-9]+", "-");
            return new Options(Map.copyOf(client), topics, "tollgate-" + id, "tollgate-" + id, null);
        }

        public Options withSigningKeys(SigningKeys keys) {
            return new Options(client, topics, groupId, transactionalIdPrefix, keys);
        }

        public String bootstrapServers() {
            return KafkaClients.bootstrap(client);
        }
    }

    /** Adds the job to {@code env}; {@code beforeParse} lets tests inject a failure (identity in production). */
    public static void build(StreamExecutionEnvironment env, TollgateConfig config, Options options,
                             UnaryOperator<DataStream<RawRecord>> beforeParse) {
        KafkaSource<RawRecord> source = KafkaSource.<RawRecord>builder()
                .setProperties(KafkaClients.properties(KafkaClients.withoutBootstrap(options.client())))
                .setBootstrapServers(options.bootstrapServers())
                .setTopics(options.topics().inputs())
                .setGroupId(options.groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new KafkaRecords(options.topics(), config.settings().streamFuture()))
                .setProperty("isolation.level", "read_committed")
                .setProperty("partition.discovery.interval.ms", "10000")
                .build();
        // a record whose timestamp is too far ahead counts for no partition's event time (it is a dead letter)
        var time = config.settings().time();
        WatermarkStrategy<RawRecord> watermarks = WatermarkStrategy
                .<RawRecord>forGenerator(ctx -> new PartitionIdleness(time.outOfOrderness(), time.sourceIdleness(),
                        time.eventSourceIdleness(), ctx.getInputActivityClock()))
                .withTimestampAssigner((r, recordTs) -> r.refusedTime() == null ? recordTs : Long.MIN_VALUE);
        SingleOutputStreamOperator<RawRecord> raw = env.fromSource(source, watermarks, "kafka inputs")
                .uid("kafka-inputs")
                .process(new VerifyRulings(options.signingKeys())).uid(VerifyRulings.UID)
                .name("verify signed decisions and control records");

        TollgatePipeline.Streams out = TollgatePipeline.build(beforeParse.apply(raw), config, Long.MIN_VALUE,
                Clock.systemUTC(), TollgatePipeline.EventTime.FROM_SOURCE, config.settings().streamFuture());
        DataStream<DeadLetter> deadLetters = out.deadLetters().union(raw.getSideOutput(Outputs.DEAD_LETTERS));

        String verdictTopic = options.topics().verdicts();
        out.verdicts().sinkTo(exactlyOnce(options, "-verdicts", (v, ctx, ts) -> new ProducerRecord<>(verdictTopic,
                        null, v.eventTime(), utf8(v.orderId()), utf8(VerdictJson.write(v)))))
                .uid("kafka-verdicts").name("verdicts to Kafka (exactly once)");
        String dlqTopic = options.topics().dlq();
        deadLetters.sinkTo(exactlyOnce(options, "-dlq", (d, ctx, ts) -> new ProducerRecord<>(dlqTopic, null,
                        null, utf8(d.source()), utf8(KafkaDeadLetters.json(d)))))
                .uid("kafka-dlq").name("dead letters to Kafka (exactly once)");
        String lateTopic = options.topics().late();
        out.lateEvents().sinkTo(exactlyOnce(options, "-late", (l, ctx, ts) -> new ProducerRecord<>(lateTopic, null,
                        null, utf8(l.key() != null ? l.key() : String.valueOf(l.eventId())), utf8(LateEventJson.write(l)))))
                .uid("kafka-late").name("late-event audit to Kafka (exactly once)");
    }

    private static <T> KafkaSink<T> exactlyOnce(Options options, String idSuffix,
                                                KafkaRecordSerializationSchema<T> serializer) {
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(KafkaClients.properties(KafkaClients.withoutBootstrap(options.client())))
                .setBootstrapServers(options.bootstrapServers())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(options.transactionalIdPrefix() + idSuffix)
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(TRANSACTION_TIMEOUT.toMillis()))
                .setRecordSerializer(serializer)
                .build();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
