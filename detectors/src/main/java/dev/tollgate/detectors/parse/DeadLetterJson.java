package dev.tollgate.detectors.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Dead letters as JSON: {@code {"source", "kind", "reason", "raw"}}. */
public final class DeadLetterJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetterJson() {
    }

    public static String write(DeadLetter d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("source", d.source());
        n.put("kind", d.kind().name());
        n.put("reason", d.reason());
        n.put("raw", d.raw());
        return n.toString();
    }

    public static DeadLetter read(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            return new DeadLetter(n.path("source").asText(), n.path("raw").asText(),
                    DeadLetter.ErrorKind.valueOf(n.path("kind").asText()), n.path("reason").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
