package dev.tollgate.tools.cli;

import dev.tollgate.jobs.options.KafkaOptions;

import dev.tollgate.detectors.verdict.Verdict;
import dev.tollgate.detectors.verdict.VerdictJson;
import dev.tollgate.tools.kafka.VerdictReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tollgate verdicts}: reads the verdict topic as the ledger does and writes the newest verdict per order. */
@Command(name = "verdicts", mixinStandardHelpOptions = true,
        description = "Reads the verdict topic read_committed from the beginning, keeps the newest verdict of every "
                + "order, writes them as JSON Lines sorted by order id and prints a summary per decision and reason; "
                + "stops when nothing new arrived for the idle time after the first verdict, or at --max-wait.")
public final class VerdictsCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Output file.")
    Path output;

    @Option(names = "--idle", defaultValue = "10s", paramLabel = "DURATION",
            converter = KafkaOptions.DurationConverter.class,
            description = "Stop after this long without a new verdict (default: ${DEFAULT-VALUE}).")
    Duration idle;

    @Option(names = "--max-wait", defaultValue = "5min", paramLabel = "DURATION",
            converter = KafkaOptions.DurationConverter.class,
            description = "Give up after this long in all (default: ${DEFAULT-VALUE}).")
    Duration maxWait;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Verdict> all = VerdictReader.readVerdicts(kafka.client(), kafka.topics().verdicts(), idle, maxWait,
                v -> false);
        Map<String, Verdict> newest = new HashMap<>();
        for (Verdict v : all) {
            newest.merge(v.orderId(), v, (a, b) -> b.version() > a.version() ? b : a);
        }
        List<Verdict> sorted = new ArrayList<>(newest.values());
        sorted.sort(java.util.Comparator.comparing(Verdict::orderId));
        try (BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            for (Verdict v : sorted) {
                w.write(VerdictJson.write(v));
                w.newLine();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d verdict versions read (read_committed), %d orders written to %s%n", all.size(), sorted.size(),
                output);
        VerdictSummary.print(sorted, out);
        out.flush();
        return 0;
    }
}
