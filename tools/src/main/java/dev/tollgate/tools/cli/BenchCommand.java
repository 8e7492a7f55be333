package dev.tollgate.tools.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tollgate bench}: throughput and memory measurements anyone can rerun (see BENCHMARKS.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: `bench replay` (the pipeline against the parsing ceiling on a file) and "
                + "`bench stream` (a running job through the broker).",
        subcommands = {BenchReplayCommand.class, BenchStreamCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
