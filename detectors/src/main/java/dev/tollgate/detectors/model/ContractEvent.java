package dev.tollgate.detectors.model;

/** Common shape of every parsed contract event: a unique id and an event time in epoch milliseconds. */
public interface ContractEvent {
    String eventId();

    long ts();
}
