package dev.tollgate.tools.replay;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes records as JSON Lines into a local directory, one file per subtask ({@code part-N.jsonl}). For replays on
 * the local MiniCluster only: the files are complete when the job has finished; no delivery guarantee across failures
 * (the Kafka sink of the streaming job is the exactly-once path).
 */
public final class JsonLinesFileSink<T> implements Sink<T> {
    private final String directory;
    private final SerializableFunction<T, String> toJson;

    public JsonLinesFileSink(Path directory, SerializableFunction<T, String> toJson) {
        this.directory = directory.toAbsolutePath().toString();
        this.toJson = toJson;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        Path dir = Paths.get(directory);
        Files.createDirectories(dir);
        Path file = dir.resolve("part-" + context.getTaskInfo().getIndexOfThisSubtask() + ".jsonl");
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) throws IOException {
                out.write(toJson.apply(element));
                out.newLine();
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }
}
