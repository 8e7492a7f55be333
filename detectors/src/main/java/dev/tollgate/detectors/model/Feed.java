package dev.tollgate.detectors.model;

/** Where an order event came from: the canonical contract or a network's native feed (mapped by an adapter). */
public enum Feed {
    CANONICAL, ALIEXPRESS, AWIN
}
