package dev.tollgate.detectors.parse;

import dev.tollgate.detectors.model.ContractEvent;
import dev.tollgate.detectors.model.Label;
import dev.tollgate.detectors.model.OrderEvent;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the labels of a labelled fixture (EVENTS.md "Labels in fixture files"), by order id. Only evaluators use it. */
public final class FixtureLabels {
    private FixtureLabels() {
    }

    public static Map<String, Label> read(List<Path> files, ParserSettings settings) throws IOException {
        EventParser parser = new EventParser(settings);
        Map<String, Label> labels = new TreeMap<>();
        for (Path f : files) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    ParseOutcome o = parser.parse(line, f.toString(), null);
                    if (o.label() == null) {
                        continue;
                    }
                    for (ContractEvent e : o.events()) {
                        if (e instanceof OrderEvent order) {
                            labels.put(order.orderId(), o.label());
                        }
                    }
                }
            }
        }
        return labels;
    }
}
