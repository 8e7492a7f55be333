package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.parse.DeadLetter;
import org.apache.flink.util.OutputTag;

/** The side outputs of the topology, in one place. */
public final class Outputs {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") { };
    public static final OutputTag<LateEvent> LATE_EVENTS = new OutputTag<>("late-events") { };
    public static final OutputTag<DelaySample> DELAY_SAMPLES = new OutputTag<>("delay-samples") { };
    /** Control changes as their JSON text (read by {@link LiveConfig#parse}), split off the events by the {@link LateEventTagger}. */
    public static final OutputTag<String> CONTROL = new OutputTag<>("control-changes") { };

    private Outputs() {
    }
}
