package dev.tollgate.tools.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Resolves replay inputs: a JSON Lines file, or a directory whose {@code *.jsonl} files are read (recursively). */
public final class InputFiles {
    private InputFiles() {
    }

    /** Every line of every input file, in file order; @throws IllegalArgumentException as {@link #resolve}. */
    public static List<String> readLines(List<Path> inputs) {
        List<String> lines = new ArrayList<>();
        for (Path f : resolve(inputs)) {
            try {
                lines.addAll(Files.readAllLines(f, java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    /** @throws IllegalArgumentException with a one-line reason when the paths cannot be used */
    public static List<Path> resolve(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (!Files.exists(in)) {
                throw new IllegalArgumentException("input path '" + in + "' does not exist");
            }
            if (Files.isDirectory(in)) {
                try (Stream<Path> walk = Files.walk(in)) {
                    List<Path> found = walk.filter(Files::isRegularFile)
                            .filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
                    if (found.isEmpty()) {
                        throw new IllegalArgumentException("input directory '" + in + "' holds no .jsonl files");
                    }
                    files.addAll(found);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (!Files.isReadable(in)) {
                throw new IllegalArgumentException("input file '" + in + "' is not readable");
            } else {
                files.add(in);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no input given");
        }
        return files;
    }
}
