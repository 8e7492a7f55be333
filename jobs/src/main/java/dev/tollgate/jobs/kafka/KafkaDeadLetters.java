package dev.tollgate.jobs.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.detectors.parse.DeadLetter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dead letters on the dlq topic: {@code {"topic", "partition", "offset", "source", "kind", "reason", "raw"}}; topic,
 * partition and offset are present when the record came from Kafka.
 */
public final class KafkaDeadLetters {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SOURCE = Pattern.compile("(.+)/(\\d+)@(\\d+)");

    private KafkaDeadLetters() {
    }

    public static String json(DeadLetter d) {
        ObjectNode n = JSON.createObjectNode();
        Matcher m = SOURCE.matcher(d.source());
        if (m.matches()) {
            n.put("topic", m.group(1));
            n.put("partition", Integer.parseInt(m.group(2)));
            n.put("offset", Long.parseLong(m.group(3)));
        }
        n.put("source", d.source());
        n.put("kind", d.kind().name());
        n.put("reason", d.reason());
        n.put("raw", d.raw());
        return n.toString();
    }
}
