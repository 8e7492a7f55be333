package dev.tollgate.detectors.model;

/** Where a click came from (EVENTS.md `placement`). */
public enum Placement {
    LINK, BUTTON, EXTENSION, BANNER, EMAIL, POPUP, IFRAME, REDIRECT, UNKNOWN
}
