package dev.tollgate.tools.evaluate;

import dev.tollgate.detectors.model.Label;
import dev.tollgate.detectors.verdict.Decision;
import dev.tollgate.detectors.verdict.Reason;
import dev.tollgate.detectors.verdict.Verdict;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens the HTML report in a real headless Chromium (Debian's package; .ci/run installs it): the page loads without
 * console errors, needs no network, and its charts render. The screenshot stays in target/report-test/.
 */
@Timeout(120)
class ReportBrowserITCase {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static Evaluation evaluation(int botsCaught) {
        List<Verdict> verdicts = new ArrayList<>();
        java.util.Map<String, Label> labels = new java.util.HashMap<>();
        for (int i = 0; i < 10; i++) {
            labels.put("bot" + i, new Label("EXCLUDE", List.of("BOT_TRAFFIC")));
            verdicts.add(i < botsCaught
                    ? new Verdict("bot" + i, "aliexpress-portals", Decision.EXCLUDE, true, 1, 0.9,
                            List.of(new Reason("BOT_TRAFFIC", "exclude", "bot.velocity", "{\"clicks\":40}")),
                            null, 0, 0, "p", null)
                    : new Verdict("bot" + i, "aliexpress-portals", Decision.CREDIT, true, 1, 0, List.of(), null, 0, 0,
                            "p", null));
            labels.put("person" + i, new Label("CREDIT", List.of()));
            verdicts.add(new Verdict("person" + i, "aliexpress-portals", Decision.CREDIT, true, 1, 0, List.of(),
                    null, 0, 0, "p", null));
        }
        return new Evaluation(labels, verdicts);
    }

    @Test
    void theReportLoadsWithoutConsoleErrorsAndItsChartsRender() throws Exception {
        Assumptions.assumeFalse("1".equals(System.getenv("TOLLGATE_SKIP_BROWSER_TEST")),
                "TOLLGATE_SKIP_BROWSER_TEST=1: no Chromium on this machine");
        assertThat(CHROMIUM).as("Debian's chromium package (installed by .ci/run)").exists();
        Path dir = Path.of("target", "report-test").toAbsolutePath();
        Files.createDirectories(dir);
        Path html = dir.resolve("report.html");
        Files.writeString(html, HtmlReport.render("Tollgate evaluation <test>", evaluation(7), Map.of(
                "detectors.bot.maxClicksPerDevice", List.of(new HtmlReport.SweepPoint("6", evaluation(10)),
                        new HtmlReport.SweepPoint("12", evaluation(7)), new HtmlReport.SweepPoint("18", evaluation(2))))));
        assertThat(Files.readString(html)).doesNotContain("http://", "https://", "<script");

        Path profile = Files.createTempDirectory("tollgate-chromium");
        Path screenshot = dir.resolve("report.png");
        Files.deleteIfExists(screenshot);
        List<String> flags = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--window-size=1280,1600");
        Run dom = run(flags, "--dump-dom", html.toUri().toString());
        Run shot = run(flags, "--screenshot=" + screenshot, html.toUri().toString());

        assertThat(dom.err + shot.err).doesNotContain("Uncaught").doesNotContainPattern("CONSOLE\\(\\d+\\)");
        assertThat(count("<svg class=\"chart\"", dom.out)).as("precision/recall bars").isEqualTo(1);
        assertThat(count("<svg class=\"chart curve\"", dom.out)).as("threshold curve").isEqualTo(1);
        assertThat(count("<polyline", dom.out)).isEqualTo(4);
        assertThat(dom.out).contains("BOT_TRAFFIC", "Tollgate evaluation &lt;test&gt;", "False negatives");
        assertThat(screenshot).exists();
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    private record Run(String out, String err) {
    }

    private static Run run(List<String> flags, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(CHROMIUM.toString());
        cmd.addAll(flags);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static int count(String needle, String haystack) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(haystack);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
