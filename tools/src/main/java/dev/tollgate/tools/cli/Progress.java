package dev.tollgate.tools.cli;

import java.io.PrintWriter;

/**
 * A progress line with records/s: redrawn in place on a terminal, a plain line every few seconds otherwise (logs and
 * CI). Kept to one small class: no progress-bar library is served here.
 */
final class Progress {
    private static final long REDRAW_NANOS = 250_000_000L;
    private static final long PLAIN_LINE_NANOS = 5_000_000_000L;
    private final PrintWriter out;
    private final long total;
    private final String label;
    private final boolean terminal = System.console() != null;
    private final long started = System.nanoTime();
    private long lastPrint;

    Progress(PrintWriter out, long total, String label) {
        this.out = out;
        this.total = total;
        this.label = label;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (now - lastPrint < (terminal ? REDRAW_NANOS : PLAIN_LINE_NANOS)) {
            return;
        }
        lastPrint = now;
        print(done, now, false);
    }

    void done(long done) {
        print(done, System.nanoTime(), true);
    }

    private void print(long done, long now, boolean last) {
        double seconds = Math.max(now - started, 1) / 1e9;
        int width = 30;
        int filled = total == 0 ? width : (int) Math.min(width, width * done / total);
        String line = String.format("%s [%s%s] %d/%d  %.0f records/s", label, "#".repeat(filled),
                " ".repeat(width - filled), done, total, done / seconds);
        if (terminal) {
            out.print("\r" + line + (last ? System.lineSeparator() : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }
}
