package dev.tollgate.tools.replay;

import dev.tollgate.detectors.model.ContractEvent;
import dev.tollgate.detectors.parse.EventParser;
import dev.tollgate.detectors.policy.TollgateConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scenarios' records in event-time order, each with the newest event time it carries (what a producer stamps), and
 * the horizon a bounded stream of them reaches: for tests that stream them through the pipeline themselves.
 */
record TimedScenarios(List<Map.Entry<Long, String>> timed, long horizon) {
    static TimedScenarios load(TollgateConfig config) throws IOException {
        EventParser parser = new EventParser(config.settings().parserSettings());
        List<Map.Entry<Long, String>> timed = new ArrayList<>();
        for (Path f : InputFiles.resolve(List.of(Path.of("..", "fixtures", "scenarios")))) {
            for (String line : Files.readAllLines(f)) {
                if (!line.isBlank()) {
                    long ts = Long.MIN_VALUE;
                    for (ContractEvent e : parser.parse(line, "scenario", null).events()) {
                        ts = Math.max(ts, e.ts());
                    }
                    timed.add(Map.entry(ts, line));
                }
            }
        }
        timed.sort(Map.Entry.comparingByKey());
        long horizon = timed.get(timed.size() - 1).getKey() - config.settings().time().outOfOrderness().toMillis();
        return new TimedScenarios(List.copyOf(timed), horizon);
    }

    /** The records alone, in event-time order. */
    List<String> lines() {
        return timed.stream().map(Map.Entry::getValue).toList();
    }
}
