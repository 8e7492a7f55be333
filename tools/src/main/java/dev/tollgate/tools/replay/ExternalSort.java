package dev.tollgate.tools.replay;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Sorts more lines than fit the heap: lines of the form {@code key TAB rest} are sorted by key (string order) in runs
 * of at most {@code runChars} characters, each run is written to a file, and the runs are merged. Stable: lines with
 * equal keys keep their input order. Memory is one run plus one line per run file, whatever the input size.
 */
public final class ExternalSort implements Closeable {
    /** A run of about 32 M characters: 64 MB of strings, a fraction of a 2 GB heap. */
    public static final long DEFAULT_RUN_CHARS = 32L << 20;

    private final Path work;
    private final long runChars;
    private final List<Path> runs = new ArrayList<>();
    private final List<String> buffer = new ArrayList<>();
    private long buffered;

    public ExternalSort(Path work, long runChars) throws IOException {
        this.work = Files.createDirectories(work);
        this.runChars = runChars;
    }

    /** Adds one line; it must contain a tab, what precedes the first one is its key. */
    public void add(String keyTabRest) throws IOException {
        if (keyTabRest.indexOf('\t') < 0) {
            throw new IllegalArgumentException("no key before a tab: " + keyTabRest);
        }
        buffer.add(keyTabRest);
        buffered += keyTabRest.length() + 16;
        if (buffered >= runChars) {
            spill();
        }
    }

    /** Hands every line to {@code sink} in key order (the whole line, key included). */
    public void merge(Consumer<String> sink) throws IOException {
        if (runs.isEmpty()) {
            buffer.sort(BY_KEY);
            buffer.forEach(sink);
            return;
        }
        spill();
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing((Head h) -> h.key)
                .thenComparingInt(h -> h.run));
        List<BufferedReader> readers = new ArrayList<>();
        try {
            for (int i = 0; i < runs.size(); i++) {
                BufferedReader r = Files.newBufferedReader(runs.get(i), StandardCharsets.UTF_8);
                readers.add(r);
                Head h = Head.next(r, i);
                if (h != null) {
                    heads.add(h);
                }
            }
            while (!heads.isEmpty()) {
                Head h = heads.poll();
                sink.accept(h.line);
                Head next = Head.next(readers.get(h.run), h.run);
                if (next != null) {
                    heads.add(next);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            for (BufferedReader r : readers) {
                r.close();
            }
        }
    }

    private static final Comparator<String> BY_KEY = Comparator.comparing(ExternalSort::key);

    static String key(String line) {
        return line.substring(0, line.indexOf('\t'));
    }

    private void spill() throws IOException {
        if (buffer.isEmpty()) {
            return;
        }
        buffer.sort(BY_KEY);
        Path run = work.resolve("run-" + runs.size());
        try (BufferedWriter w = Files.newBufferedWriter(run, StandardCharsets.UTF_8)) {
            for (String line : buffer) {
                w.write(line);
                w.write('\n');
            }
        }
        runs.add(run);
        buffer.clear();
        buffered = 0;
    }

    @Override
    public void close() throws IOException {
        for (Path run : runs) {
            Files.deleteIfExists(run);
        }
        runs.clear();
        buffer.clear();
    }

    /** A sortable key for a long: fixed-width hex of the value with its sign bit flipped, so string order is numeric. */
    public static String longKey(long value) {
        String hex = Long.toHexString(value ^ Long.MIN_VALUE);
        return "0".repeat(16 - hex.length()) + hex;
    }

    /**
     * A key for free text that contains no tab or line break and keeps distinct texts distinct (backslash, tab and
     * line breaks escaped).
     */
    public static String textKey(String text) {
        if (text.indexOf('\\') < 0 && text.indexOf('\t') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private record Head(String key, String line, int run) {
        static Head next(BufferedReader r, int run) {
            try {
                String line = r.readLine();
                return line == null ? null : new Head(ExternalSort.key(line), line, run);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
