package dev.tollgate.detectors.model;

/** Alibaba.com order path (EVENTS.md `orderPath`). */
public enum OrderPath {
    START_ORDER, CONTACT_SUPPLIER
}
