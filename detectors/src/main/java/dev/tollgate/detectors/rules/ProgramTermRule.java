package dev.tollgate.detectors.rules;

/** One program term of REASON-CODES.md, evaluated against an order's facts; writes findings into the context. */
public interface ProgramTermRule {
    void evaluate(RuleContext ctx);
}
