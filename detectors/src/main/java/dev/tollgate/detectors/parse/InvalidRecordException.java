package dev.tollgate.detectors.parse;

/** Thrown while reading one record; turned into a {@link DeadLetter} by the parser. */
public final class InvalidRecordException extends Exception {
    private final DeadLetter.ErrorKind kind;

    public InvalidRecordException(DeadLetter.ErrorKind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public DeadLetter.ErrorKind kind() {
        return kind;
    }
}
