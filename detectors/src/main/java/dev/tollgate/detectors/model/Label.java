package dev.tollgate.detectors.model;

import java.util.List;

/** The expected final verdict of an order in a labelled fixture; only evaluators read it, never the scoring. */
public record Label(String decision, List<String> reasons) {
}
