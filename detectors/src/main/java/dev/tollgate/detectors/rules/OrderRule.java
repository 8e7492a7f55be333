package dev.tollgate.detectors.rules;

/** One program term or fraud detector of REASON-CODES.md, evaluated against an order; writes findings into the context. */
public interface OrderRule {
    void evaluate(RuleContext ctx);
}
