package dev.tollgate.tools.cli;

import dev.tollgate.jobs.options.ConfigOption;

import dev.tollgate.fixtures.FixtureScaler;
import dev.tollgate.tools.replay.InputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tollgate fixtures}: tools for labelled fixture files. */
@Command(name = "fixtures", mixinStandardHelpOptions = true, description = "Tools for labelled fixture files.",
        subcommands = {FixturesCommand.Generate.class, FixturesCommand.Scale.class})
public final class FixturesCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** {@code tollgate fixtures generate}: deterministic labelled traffic. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Writes deterministic labelled traffic: honest shoppers with realistic variety, and orders "
                    + "showing every reason code, each order line labelled with its expected final verdict. The same "
                    + "seed and user count always give the same file.")
    public static final class Generate implements Callable<Integer> {
        @Option(names = "--seed", required = true, paramLabel = "N", description = "Random seed.")
        long seed;

        @Option(names = "--users", required = true, paramLabel = "N",
                description = "Honest shoppers (fraud and term cases are added in proportion, at least 12 each).")
        int users;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Output file.")
        Path output;

        @picocli.CommandLine.Mixin
        ConfigOption config;

        @Override
        public Integer call() throws Exception {
            if (users < 1) {
                System.err.println("tollgate fixtures generate: --users must be at least 1");
                return 2;
            }
            long lines = dev.tollgate.tools.replay.GeneratedTraffic.write(seed, users, config.load(), output);
            System.out.printf("wrote %d lines (seed %d, %d users) to %s%n", lines, seed, users, output);
            return 0;
        }
    }

    /** {@code tollgate fixtures scale}: many renamed, time-shifted copies of the scenarios, for benchmarks. */
    @Command(name = "scale", mixinStandardHelpOptions = true,
            description = "Writes COPIES copies of the input scenarios with every id suffixed and every timestamp "
                    + "shifted, so that copies never join each other and keep their labels (for throughput runs).")
    public static final class Scale implements Callable<Integer> {
        @Option(names = {"-i", "--input"}, required = true, arity = "1..*", paramLabel = "FILE_OR_DIR",
                description = "Scenario files or directories of *.jsonl files.")
        List<Path> inputs;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Output file.")
        Path output;

        @Option(names = "--copies", required = true, paramLabel = "N", description = "Number of copies (>= 1).")
        int copies;

        @Option(names = "--shift", defaultValue = "PT1H", paramLabel = "DURATION",
                description = "Time shift between copies, ISO-8601 (default: ${DEFAULT-VALUE}).")
        Duration shift;

        @Override
        public Integer call() throws Exception {
            if (copies < 1) {
                System.err.println("tollgate fixtures scale: --copies must be at least 1");
                return 2;
            }
            List<String> lines;
            try {
                lines = InputFiles.readLines(inputs);
            } catch (IllegalArgumentException e) {
                System.err.println("tollgate fixtures scale: " + e.getMessage());
                return 2;
            }
            long n = FixtureScaler.scale(lines, copies, shift, output);
            System.out.printf("wrote %d lines (%d copies) to %s%n", n, copies, output);
            return 0;
        }
    }
}
