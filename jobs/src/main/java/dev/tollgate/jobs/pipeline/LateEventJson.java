package dev.tollgate.jobs.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;

/** Late-event audit records as JSON. */
public final class LateEventJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LateEventJson() {
    }

    public static String write(LateEvent e) {
        try {
            return JSON.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static LateEvent read(String line) {
        try {
            return JSON.readValue(line, LateEvent.class);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
