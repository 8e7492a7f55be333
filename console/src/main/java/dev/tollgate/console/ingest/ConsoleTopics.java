package dev.tollgate.console.ingest;

import dev.tollgate.detectors.parse.InputType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The topics the console reads and writes.
 *
 * @param evidence the input topics it keeps evidence from, with the contract type each carries
 */
public record ConsoleTopics(String verdicts, String decisions, Map<String, InputType> evidence) {
    public ConsoleTopics {
        evidence = Map.copyOf(evidence);
    }

    /** Every topic read: the verdicts and the evidence. */
    public List<String> read() {
        List<String> all = new ArrayList<>(evidence.keySet());
        all.add(verdicts);
        return all;
    }
}
