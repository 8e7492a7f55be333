package dev.tollgate.detectors.verdict;

/** The verdict's decision (EVENTS.md): the ledger credits only CREDIT. */
public enum Decision {
    CREDIT, EXCLUDE, REVIEW
}
