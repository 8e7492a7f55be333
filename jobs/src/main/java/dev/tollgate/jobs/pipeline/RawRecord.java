package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.parse.InputType;

/**
 * One record as read from a source, before parsing.
 *
 * @param source where it was read (file name, or {@code topic/partition@offset}), carried into dead letters
 * @param value the record text
 * @param typeHint the type a typed topic implies, or {@code null} for fixture lines that carry their own {@code type}
 * @param programHint the program of a bare native payload, from a record header; {@code null} for the feed default
 * @param signature the record's signature header (decisions and control records), or {@code null}
 * @param refusedTime why the source's own timestamp of the record (Kafka's) is not believed (see
 *     {@code FutureTimestamps}), or {@code null}: such a record is not shown to the watermarks and goes to the dead
 *     letters
 */
public record RawRecord(String source, String value, InputType typeHint, String programHint, String signature,
                        String refusedTime) {
    public RawRecord(String source, String value, InputType typeHint) {
        this(source, value, typeHint, null, null, null);
    }
}
