package dev.tollgate.detectors.model;

/** How the order was placed (EVENTS.md `channel`). */
public enum Channel {
    WEB, APP, PHONE
}
