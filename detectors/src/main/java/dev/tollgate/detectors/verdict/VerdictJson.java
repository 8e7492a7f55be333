package dev.tollgate.detectors.verdict;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.detectors.model.Money;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writes and reads verdicts exactly as EVENTS.md specifies them: one JSON object per line. */
public final class VerdictJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private VerdictJson() {
    }

    /** The {@code reasons} list alone, exactly as {@link #write} writes it in a verdict. */
    public static String writeReasons(List<Reason> reasons) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writeReasons(g, reasons);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeReasons(JsonGenerator g, List<Reason> reasons) throws IOException {
        g.writeStartArray();
        for (Reason r : reasons) {
            g.writeStartObject();
            g.writeStringField("code", r.code());
            g.writeStringField("severity", r.severity());
            g.writeStringField("detector", r.detector());
            g.writeFieldName("evidence");
            g.writeRawValue(r.evidence());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    public static String write(Verdict v) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("orderId", v.orderId());
            g.writeStringField("program", v.program());
            g.writeStringField("decision", v.decision().name());
            g.writeBooleanField("final", v.fin());
            g.writeNumberField("version", v.version());
            g.writeNumberField("score", v.score());
            g.writeFieldName("reasons");
            writeReasons(g, v.reasons());
            if (v.eligibleAmount() != null) {
                g.writeObjectFieldStart("eligibleAmount");
                g.writeStringField("value", v.eligibleAmount().value().toPlainString());
                g.writeStringField("currency", v.eligibleAmount().currency());
                g.writeEndObject();
            } else {
                g.writeNullField("eligibleAmount");
            }
            g.writeStringField("eventTime", Instant.ofEpochMilli(v.eventTime()).toString());
            g.writeStringField("decidedAt", Instant.ofEpochMilli(v.decidedAt()).toString());
            g.writeStringField("policyVersion", v.policyVersion());
            if (v.decidedBy() != null) {
                g.writeStringField("decidedBy", v.decidedBy());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static Verdict read(String line) {
        try {
            JsonNode n = MAPPER.readTree(line);
            List<Reason> reasons = new ArrayList<>();
            for (JsonNode r : n.path("reasons")) {
                reasons.add(new Reason(r.path("code").asText(), r.path("severity").asText(),
                        r.path("detector").asText(), MAPPER.writeValueAsString(r.path("evidence"))));
            }
            JsonNode amount = n.path("eligibleAmount");
            Money eligible = amount.isObject()
                    ? new Money(new BigDecimal(amount.path("value").asText()), amount.path("currency").asText())
                    : null;
            return new Verdict(
                    n.path("orderId").asText(),
                    n.path("program").asText(),
                    Decision.valueOf(n.path("decision").asText()),
                    n.path("final").asBoolean(),
                    n.path("version").asInt(),
                    n.path("score").asDouble(),
                    List.copyOf(reasons),
                    eligible,
                    Instant.parse(n.path("eventTime").asText()).toEpochMilli(),
                    Instant.parse(n.path("decidedAt").asText()).toEpochMilli(),
                    n.path("policyVersion").asText(),
                    n.hasNonNull("decidedBy") ? n.get("decidedBy").asText() : null);
        } catch (IOException e) {
            throw new UncheckedIOException("not a verdict line: " + line, e);
        }
    }
}
