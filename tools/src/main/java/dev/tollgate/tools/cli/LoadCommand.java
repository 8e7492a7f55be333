package dev.tollgate.tools.cli;

import dev.tollgate.jobs.options.KafkaOptions;

import dev.tollgate.jobs.options.ConfigOption;
import dev.tollgate.jobs.options.SigningKeyOption;

import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.tools.kafka.FixtureLoader;
import dev.tollgate.jobs.kafka.TopicAdmin;
import dev.tollgate.tools.replay.InputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tollgate load}: produces a fixture file to the topics, as the upstream systems would. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Produces JSON Lines fixtures to Tollgate's topics: each record on its type's topic, native "
                + "payloads unwrapped onto their feed topics, labels stripped, keys set, record timestamps set to "
                + "event time. Shows progress.")
public final class LoadCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = {"-i", "--input"}, required = true, arity = "1..*", paramLabel = "FILE_OR_DIR",
            description = "Fixture files or directories of *.jsonl files.")
    List<Path> inputs;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "N",
            description = "Records per second at most (default: as fast as the broker takes them).")
    double rate;

    @Mixin
    ConfigOption config;

    @Mixin
    SigningKeyOption signing;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<String> lines;
        try {
            lines = InputFiles.readLines(inputs);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("tollgate load: " + e.getMessage());
            return 2;
        }
        TollgateConfig cfg = config.load();
        TopicAdmin.ensureTopics(kafka.client(), kafka.topics());
        TopicAdmin.retentionWarnings(kafka.client(), kafka.topics())
                .forEach(w -> spec.commandLine().getErr().println("tollgate load: warning: " + w));
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = new Progress(err, lines.size(), "load");
        try (FixtureLoader loader = new FixtureLoader(kafka.client(), kafka.topics(),
                cfg.settings().parserSettings()).signingWith(signing.keys())) {
            long sent = loader.load(lines, rate, progress::update);
            progress.done(sent);
            err.printf("tollgate load: %d records sent to %s*, %d lines skipped (no readable type)%n", sent,
                    kafka.prefix, loader.skipped());
        }
        return 0;
    }
}
