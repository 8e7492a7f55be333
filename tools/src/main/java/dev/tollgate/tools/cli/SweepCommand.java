package dev.tollgate.tools.cli;

import dev.tollgate.jobs.options.ParallelismOption;

import dev.tollgate.jobs.options.ConfigOption;

import dev.tollgate.detectors.model.Label;
import dev.tollgate.detectors.parse.FixtureLabels;
import dev.tollgate.detectors.policy.PolicyException;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.verdict.Verdict;
import dev.tollgate.tools.evaluate.Evaluation;
import dev.tollgate.tools.evaluate.SweepParameter;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code tollgate sweep}: replays a labelled file once per value of one or more settings. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Scores a labelled file (BATCH) under every combination of the swept settings, side by side "
                + "over one parse of the input, and prints, per value, precision/recall/F1 of the reasons the setting affects and how many orders would change "
                + "decision against the current thresholds.",
                "Settings are paths under detectors: in tollgate.yaml, e.g. --param bot.maxClicksPerDevice=6..20:2 "
                        + "--param cookieStuffing.burstWindow=2s..20s:2s."})
public final class SweepCommand implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, required = true, arity = "1..*", paramLabel = "LABELLED.jsonl",
            description = "Labelled JSON Lines files or directories.")
    List<Path> inputs;

    @Option(names = "--param", required = true, paramLabel = "DETECTOR.SETTING=FROM..TO[:STEP]",
            description = "A setting to sweep; repeat for several (all combinations are replayed).")
    List<String> params;

    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write DIR/report.html: the evaluation at the current thresholds and the threshold "
                    + "curves of the sweep.")
    Path report;

    @Mixin
    ParallelismOption parallelism;

    @Option(names = "--per-job", defaultValue = "8", paramLabel = "N",
            description = "Combinations scored side by side in one job over one parse of the input (default: "
                    + "${DEFAULT-VALUE}); more share more parsing and need more memory.")
    int perJob;

    @Spec
    CommandSpec spec;

    /** One swept combination and what it gave. */
    public record Point(Map<String, String> values, Evaluation evaluation, int changedDecisions) {
    }

    /** The evaluation at the current thresholds, filled by {@link #sweep}. */
    private Evaluation baselineEvaluation;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<SweepParameter> parameters = new ArrayList<>();
        List<Path> files;
        try {
            for (String p : params) {
                parameters.add(SweepParameter.parse(p));
            }
            files = InputFiles.resolve(inputs);
            config.load();
            for (SweepParameter p : parameters) {
                config.load(Map.of(p.path(), p.values().get(0)));
            }
        } catch (IllegalArgumentException | PolicyException e) {
            spec.commandLine().getErr().println("tollgate sweep: " + e.getMessage());
            return 2;
        }
        List<Point> points = sweep(files, parameters);
        Set<String> affected = new TreeSet<>();
        parameters.forEach(p -> affected.addAll(p.affectedReasons()));
        for (Point p : points) {
            StringBuilder line = new StringBuilder(p.values().toString());
            for (String code : affected) {
                Evaluation.ReasonScore s = p.evaluation().reason(code);
                line.append(String.format("  %s P %.3f R %.3f F1 %.3f", code, s.precision(), s.recall(), s.f1()));
            }
            line.append(String.format("  clean flagged %.2f %%  decisions changed %d",
                    100 * p.evaluation().falseFlagRate(), p.changedDecisions()));
            out.println(line);
        }
        if (report != null) {
            List<dev.tollgate.tools.evaluate.HtmlReport.SweepPoint> curve = points.stream()
                    .map(p -> new dev.tollgate.tools.evaluate.HtmlReport.SweepPoint(
                            String.join(", ", p.values().values()), p.evaluation())).toList();
            java.nio.file.Files.createDirectories(report);
            java.nio.file.Files.writeString(report.resolve("report.html"), dev.tollgate.tools.evaluate.HtmlReport
                    .render("Tollgate sweep", baselineEvaluation, Map.of(String.join(" × ", params), curve)));
            out.println("report written to " + report.resolve("report.html"));
        }
        out.flush();
        return 0;
    }

    /**
     * Scores the input with the current settings and with every combination, comparing decisions with the first.
     * Combinations are scored side by side, {@link #perJob} per job, so the input is read and parsed once per job.
     */
    List<Point> sweep(List<Path> files, List<SweepParameter> parameters) throws Exception {
        TollgateConfig current = config.load();
        Map<String, Label> labels = FixtureLabels.read(files, current.settings().parserSettings());
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(Map.of()); // the current settings, the baseline of "decisions changed"
        combinations.addAll(combinations(parameters));
        List<List<Verdict>> verdicts = new ArrayList<>();
        ReplayJob job = new ReplayJob(current, RuntimeExecutionMode.BATCH, parallelism.value, Clock.systemUTC());
        for (int from = 0; from < combinations.size(); from += Math.max(1, perJob)) {
            List<TollgateConfig> configs = new ArrayList<>();
            for (Map<String, String> c : combinations.subList(from, Math.min(combinations.size(),
                    from + Math.max(1, perJob)))) {
                configs.add(config.load(c));
            }
            job.runVariants(files, configs).forEach(r -> verdicts.add(r.verdicts()));
        }
        baselineEvaluation = new Evaluation(labels, verdicts.get(0));
        Map<String, String> baseline = decisions(verdicts.get(0));
        List<Point> points = new ArrayList<>();
        for (int i = 1; i < combinations.size(); i++) {
            Map<String, String> now = decisions(verdicts.get(i));
            int changed = 0;
            for (Map.Entry<String, String> e : now.entrySet()) {
                changed += e.getValue().equals(baseline.get(e.getKey())) ? 0 : 1;
            }
            points.add(new Point(combinations.get(i), new Evaluation(labels, verdicts.get(i)), changed));
        }
        return points;
    }

    private static Map<String, String> decisions(List<Verdict> verdicts) {
        Map<String, String> out = new LinkedHashMap<>();
        verdicts.forEach(v -> out.put(v.orderId(), v.decision().name()));
        return out;
    }

    private static List<Map<String, String>> combinations(List<SweepParameter> parameters) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (SweepParameter p : parameters) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String v : new LinkedHashSet<>(p.values())) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(p.path(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }
}
