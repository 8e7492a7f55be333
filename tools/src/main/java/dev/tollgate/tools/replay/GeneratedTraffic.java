package dev.tollgate.tools.replay;

import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.fixtures.ScenarioGenerator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Generated labelled traffic written to a file in event-time order, sorted on disk (a million shoppers make GBs). */
public final class GeneratedTraffic {
    /** Lines per generated shopper, about (722,306 lines for 70,000 shoppers): to size a run by its events. */
    public static final double LINES_PER_USER = 10.3;

    private GeneratedTraffic() {
    }

    /** @return the number of lines written */
    public static long write(long seed, int users, TollgateConfig config, Path output) throws IOException {
        Path work = Files.createTempDirectory("tollgate-generate");
        try (ExternalSort sort = new ExternalSort(work, ExternalSort.DEFAULT_RUN_CHARS);
             BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            long lines = new ScenarioGenerator(seed, config).generate(users, (ts, seq, json) -> sort.add(
                    ExternalSort.longKey(ts) + ExternalSort.longKey(seq) + "\t" + json));
            sort.merge(line -> {
                try {
                    w.write(line, line.indexOf('\t') + 1, line.length() - line.indexOf('\t') - 1);
                    w.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return lines;
        } finally {
            Files.deleteIfExists(work);
        }
    }
}
