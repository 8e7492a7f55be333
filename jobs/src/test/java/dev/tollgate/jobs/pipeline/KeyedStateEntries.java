package dev.tollgate.jobs.pipeline;

import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

/** Keyed state entries of a broadcast-connected operator under test (its harness has no shortcut for it). */
final class KeyedStateEntries {
    private KeyedStateEntries() {
    }

    static int of(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> harness) {
        var backend = ((AbstractStreamOperator<?>) harness.getTwoInputOperator()).getKeyedStateBackend();
        return ((HeapKeyedStateBackend<?>) backend).numKeyValueStateEntries();
    }
}
