package dev.tollgate.detectors.rules;

import dev.tollgate.detectors.verdict.Assessment;

import java.util.List;

/** Small readers over assessments for rule tests. */
final class RuleAssertions {
    private RuleAssertions() {
    }

    static List<String> codes(Assessment a) {
        return a.findings().stream().map(f -> f.code().name()).toList();
    }

    static Finding only(Assessment a, ReasonCode code) {
        List<Finding> found = a.findings().stream().filter(f -> f.code() == code).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + code + " finding, got " + a.findings());
        }
        return found.get(0);
    }
}
