package dev.tollgate.benchmarks;

import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.ContractEvent;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.parse.EventParser;
import dev.tollgate.detectors.policy.ConfigLoader;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.rules.OrderCase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labelled traffic the benchmarks read: {@code fixtures/generated/seed-7-users-400.jsonl} of the repository, or
 * the file named by the system property {@code tollgate.bench.input} (e.g. a larger {@code fixtures generate} file).
 */
final class Traffic {
    static final TollgateConfig CONFIG = new ConfigLoader().loadBundled();

    final List<String> lines;
    final List<ContractEvent> events = new ArrayList<>();

    Traffic() {
        Path file = Path.of(System.getProperty("tollgate.bench.input", "fixtures/generated/seed-7-users-400.jsonl"));
        try {
            lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("run from the repository root or set -Dtollgate.bench.input: " + file, e);
        }
        EventParser parser = new EventParser(CONFIG.settings().parserSettings());
        for (String line : lines) {
            events.addAll(parser.parse(line, "bench", null).events());
        }
    }

    /** Every order with its events and the click it names (when in the file), as the verdict changelog sees it. */
    List<OrderCase> orderCases() {
        Map<String, ClickEvent> clicks = new HashMap<>();
        Map<String, List<OrderEvent>> orders = new LinkedHashMap<>();
        for (ContractEvent e : events) {
            if (e instanceof ClickEvent c) {
                clicks.putIfAbsent(c.clickId(), c);
            } else if (e instanceof OrderEvent o) {
                orders.computeIfAbsent(o.orderId(), k -> new ArrayList<>()).add(o);
            }
        }
        List<OrderCase> out = new ArrayList<>();
        orders.forEach((id, evs) -> {
            String clickId = evs.get(0).clickId();
            out.add(new OrderCase(id, List.copyOf(evs), clickId == null ? null : clicks.get(clickId), List.of(),
                    List.of(), List.of(), Long.MIN_VALUE, true));
        });
        return out;
    }
}
