package dev.tollgate.jobs.options;

import picocli.CommandLine.Option;

/** The {@code --parallelism} option shared by the commands that run a Flink job. */
public final class ParallelismOption {
    @Option(names = {"-p", "--parallelism"}, defaultValue = "2", paramLabel = "N",
            description = "Operator parallelism (default: ${DEFAULT-VALUE}).")
    public int value;
}
