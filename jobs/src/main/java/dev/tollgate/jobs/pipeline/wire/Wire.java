package dev.tollgate.jobs.pipeline.wire;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The field encodings of Tollgate's wire format: what a record costs on its way between two operators (a network
 * shuffle, or BATCH's sort and spill). Strings go as their UTF-8 bytes behind a length, so an ASCII string (every id,
 * URL and code of the contract) is one array copy each way instead of Flink's character-by-character
 * {@code StringValue} encoding. Every nullable field carries its null in its length or tag; nothing is written twice.
 *
 * <p>The format is for records in flight only, never for state or savepoints: a change to it needs no migration,
 * only the same build on both ends of a channel (which Flink guarantees).
 */
public final class Wire {
    /** A longer string means the bytes are not Tollgate's wire format (no record field comes near it). */
    private static final int MAX_STRING_BYTES = 1 << 26;

    private Wire() {
    }

    /** Unsigned LEB128: seven bits a byte, low bits first. */
    public static void writeVarInt(DataOutput out, int v) throws IOException {
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    public static int readVarInt(DataInput in) throws IOException {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("malformed variable-length integer on the wire");
    }

    /** A string as its UTF-8 length plus one (0 for {@code null}) and its bytes. */
    public static void writeString(DataOutput out, String s) throws IOException {
        if (s == null) {
            out.writeByte(0);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeVarInt(out, bytes.length + 1);
        out.write(bytes);
    }

    public static String readString(DataInput in) throws IOException {
        int n = readVarInt(in) - 1;
        if (n < 0) {
            return null;
        }
        if (n > MAX_STRING_BYTES) {
            throw new UTFDataFormatException("string of " + n + " bytes on the wire: the stream is corrupt");
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** An {@link Integer} as zig-zag varint plus one, 0 for {@code null}. */
    public static void writeNullableInt(DataOutput out, Integer v) throws IOException {
        if (v == null) {
            out.writeByte(0);
            return;
        }
        long zigzag = ((long) v << 1) ^ ((long) v >> 63);
        writeVarLong(out, zigzag + 1);
    }

    public static Integer readNullableInt(DataInput in) throws IOException {
        long n = readVarLong(in);
        if (n == 0) {
            return null;
        }
        long zigzag = n - 1;
        return (int) ((zigzag >>> 1) ^ -(zigzag & 1));
    }

    /** A {@link Boolean} as one byte: 0 {@code null}, 1 false, 2 true. */
    public static void writeNullableBoolean(DataOutput out, Boolean v) throws IOException {
        out.writeByte(v == null ? 0 : v ? 2 : 1);
    }

    public static Boolean readNullableBoolean(DataInput in) throws IOException {
        int b = in.readUnsignedByte();
        return switch (b) {
            case 0 -> null;
            case 1 -> Boolean.FALSE;
            case 2 -> Boolean.TRUE;
            default -> throw new IOException("malformed boolean on the wire: " + b);
        };
    }

    /** An enum constant by ordinal plus one, 0 for {@code null}. */
    public static void writeEnum(DataOutput out, Enum<?> e) throws IOException {
        writeVarInt(out, e == null ? 0 : e.ordinal() + 1);
    }

    public static <E extends Enum<E>> E readEnum(DataInput in, E[] values) throws IOException {
        int n = readVarInt(in);
        if (n == 0) {
            return null;
        }
        if (n > values.length) {
            throw new IOException("no constant " + (n - 1) + " in " + values[0].getDeclaringClass().getSimpleName());
        }
        return values[n - 1];
    }

    /** A decimal as its scale and unscaled value: a long when it fits (every amount of the contract), else bytes. */
    public static void writeDecimal(DataOutput out, BigDecimal d) throws IOException {
        if (d == null) {
            out.writeByte(0);
            return;
        }
        BigInteger unscaled = d.unscaledValue();
        if (unscaled.bitLength() < 64) {
            out.writeByte(1);
            out.writeInt(d.scale());
            out.writeLong(unscaled.longValue());
        } else {
            out.writeByte(2);
            out.writeInt(d.scale());
            byte[] bytes = unscaled.toByteArray();
            writeVarInt(out, bytes.length);
            out.write(bytes);
        }
    }

    public static BigDecimal readDecimal(DataInput in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case 0 -> null;
            case 1 -> {
                int scale = in.readInt();
                yield BigDecimal.valueOf(in.readLong(), scale);
            }
            case 2 -> {
                int scale = in.readInt();
                byte[] bytes = new byte[readVarInt(in)];
                in.readFully(bytes);
                yield new BigDecimal(new BigInteger(bytes), scale);
            }
            default -> throw new IOException("malformed decimal on the wire: tag " + tag);
        };
    }

    /** Writes one element of a list. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(DataOutput out, T value) throws IOException;
    }

    /** Reads one element of a list. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInput in) throws IOException;
    }

    /** A list as its size plus one (0 for {@code null}) and its elements. */
    public static <T> void writeList(DataOutput out, List<T> list, Writer<T> element) throws IOException {
        if (list == null) {
            out.writeByte(0);
            return;
        }
        writeVarInt(out, list.size() + 1);
        for (T t : list) {
            element.write(out, t);
        }
    }

    /** The list as an {@link ArrayList}, as Flink's own list serializer makes it. */
    public static <T> List<T> readList(DataInput in, Reader<T> element) throws IOException {
        int n = readVarInt(in) - 1;
        if (n < 0) {
            return null;
        }
        List<T> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(element.read(in));
        }
        return list;
    }

    private static void writeVarLong(DataOutput out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    private static long readVarLong(DataInput in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("malformed variable-length integer on the wire");
    }
}
