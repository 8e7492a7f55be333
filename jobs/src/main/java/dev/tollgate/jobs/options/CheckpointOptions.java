package dev.tollgate.jobs.options;

import picocli.CommandLine.Option;

import java.time.Duration;

/** The checkpoint interval of the commands that run the streaming job. */
public final class CheckpointOptions {
    @Option(names = "--checkpoint-interval", defaultValue = "2s", paramLabel = "DURATION",
            converter = KafkaOptions.DurationConverter.class,
            description = "Checkpoint interval; verdicts become visible to read_committed consumers at each "
                    + "checkpoint (default: ${DEFAULT-VALUE}).")
    public Duration interval;
}
