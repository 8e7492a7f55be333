package dev.tollgate.tools.cli;

import dev.tollgate.detectors.signing.RecordSignature;
import dev.tollgate.detectors.signing.SigningKeys;
import dev.tollgate.jobs.kafka.KafkaClients;
import dev.tollgate.jobs.kafka.TopicAdmin;
import dev.tollgate.jobs.options.KafkaOptions;
import dev.tollgate.jobs.options.SigningKeyOption;
import dev.tollgate.jobs.pipeline.LiveConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code tollgate control}: sends a signed live change of thresholds and modes to the running job. */
@Command(name = "control", mixinStandardHelpOptions = true,
        description = "Sends a live control change {version, settings, programs} to the control topic, signed with "
                + "the job's key (the job dead-letters unsigned ones). The change is checked for its shape first; the "
                + "job validates it against its configuration and dead-letters an invalid one as INVALID_CONTROL.")
public final class ControlCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Mixin
    SigningKeyOption signing;

    @Parameters(index = "0", paramLabel = "CHANGE", description = "The change as JSON, or @FILE to read it from a file.")
    String change;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        SigningKeys keys = signing.required("tollgate control", err, "the job applies only signed changes");
        if (keys == null) {
            return 2;
        }
        String json = change.startsWith("@")
                ? Files.readString(Path.of(change.substring(1)), StandardCharsets.UTF_8).strip() : change.strip();
        try {
            LiveConfig.parse(json);
        } catch (Exception e) {
            err.println("tollgate control: not a control change {version, settings, programs}: "
                    + e.getMessage().split("\n")[0]);
            return 2;
        }
        TopicAdmin.ensureTopics(kafka.client(), kafka.topics());
        Properties p = KafkaClients.properties(kafka.client());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(kafka.topics().control(), "change", json);
            record.headers().add(RecordSignature.HEADER,
                    RecordSignature.sign(keys, json).getBytes(StandardCharsets.UTF_8));
            RecordMetadata meta = producer.send(record).get(30, TimeUnit.SECONDS);
            spec.commandLine().getOut().printf("tollgate control: sent to %s/%d@%d, signed with key %s%n",
                    meta.topic(), meta.partition(), meta.offset(), keys.signingKeyId());
        }
        return 0;
    }
}
