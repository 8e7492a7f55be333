package dev.tollgate.tools.cli;

import dev.tollgate.jobs.options.ParallelismOption;

import dev.tollgate.jobs.options.ConfigOption;

import dev.tollgate.detectors.model.Label;
import dev.tollgate.detectors.parse.FixtureLabels;
import dev.tollgate.detectors.policy.PolicyException;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.tools.evaluate.Evaluation;
import dev.tollgate.tools.replay.InputFiles;
import dev.tollgate.tools.replay.ReplayJob;
import org.apache.flink.api.common.RuntimeExecutionMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tollgate evaluate}: replays a labelled file and compares every order's newest verdict with its label. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Replays a labelled JSON Lines file (BATCH mode) and prints per reason code precision, recall, "
                + "F1 and support, the decision confusion matrix, the false-flag rate on clean orders and the number "
                + "of labelled orders without a verdict.",
                "Exit codes: 0 done; 2 unusable input or invalid configuration; 1 the job failed."})
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, required = true, arity = "1..*", paramLabel = "LABELLED.jsonl",
            description = "Labelled JSON Lines files or directories.")
    List<Path> inputs;

    @Mixin
    ParallelismOption parallelism;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write DIR/report.html (readable offline) and DIR/evaluation.json: the metrics, the "
                    + "confusion matrix, shadow findings and the worst false positives and negatives with evidence.")
    Path report;

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> files;
        TollgateConfig cfg;
        try {
            files = InputFiles.resolve(inputs);
            cfg = config.load();
        } catch (IllegalArgumentException | PolicyException e) {
            spec.commandLine().getErr().println("tollgate evaluate: " + e.getMessage());
            return 2;
        }
        Map<String, Label> labels = FixtureLabels.read(files, cfg.settings().parserSettings());
        ReplayJob.Result result = new ReplayJob(cfg, RuntimeExecutionMode.BATCH, parallelism.value, Clock.systemUTC())
                .run(files);
        Evaluation e = new Evaluation(labels, result.verdicts());
        out.printf("%d labelled orders, %d verdicts%n", labels.size(), result.verdicts().size());
        out.print(e.table());
        out.println("decisions (label -> verdict):");
        e.confusion().forEach((expected, row) -> out.printf("  %-8s %s%n", expected, row));
        for (Evaluation.Miss m : e.worstFalsePositives()) {
            out.printf("false positive %s %s (label %s, verdict %s): %s%n", m.orderId(), m.code(), m.labelDecision(),
                    m.verdictDecision(), m.evidence());
        }
        for (Evaluation.Miss m : e.worstFalseNegatives()) {
            out.printf("false negative %s %s (label %s, verdict %s)%n", m.orderId(), m.code(), m.labelDecision(),
                    m.verdictDecision());
        }
        if (report != null) {
            java.nio.file.Files.createDirectories(report);
            java.nio.file.Files.writeString(report.resolve("evaluation.json"), e.json());
            java.nio.file.Files.writeString(report.resolve("report.html"),
                    dev.tollgate.tools.evaluate.HtmlReport.render("Tollgate evaluation", e, Map.of()));
            out.println("report written to " + report.resolve("report.html") + " and evaluation.json");
        }
        out.flush();
        return 0;
    }
}
