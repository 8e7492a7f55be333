package dev.tollgate.detectors.model;

import java.util.List;

/**
 * The expected final verdict of an order in a labelled fixture; only evaluators read it, never the scoring.
 *
 * @param eligibleAmount the expected {@code eligibleAmount} where the fixture states it, else {@code null}
 */
public record Label(String decision, List<String> reasons, Money eligibleAmount) {
    public Label(String decision, List<String> reasons) {
        this(decision, reasons, null);
    }
}
