package dev.tollgate.detectors.parse;

import dev.tollgate.detectors.model.ContractEvent;
import dev.tollgate.detectors.model.Label;

import java.util.List;

/**
 * What one input record became: one or more contract events (a native order snapshot expands into its lifecycle) with
 * the fixture label if it carried one, or a dead letter.
 */
public record ParseOutcome(List<ContractEvent> events, Label label, DeadLetter deadLetter) {

    static ParseOutcome ok(List<ContractEvent> events, Label label) {
        return new ParseOutcome(events, label, null);
    }

    static ParseOutcome dead(DeadLetter deadLetter) {
        return new ParseOutcome(List.of(), null, deadLetter);
    }

    public boolean isDead() {
        return deadLetter != null;
    }
}
