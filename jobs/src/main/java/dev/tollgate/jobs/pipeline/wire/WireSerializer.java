package dev.tollgate.jobs.pipeline.wire;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * A Flink serializer for one of the pipeline's immutable records between operators, in the format of {@link Wire}.
 * Subclasses say how one record is written and read; Flink's copies are the record itself (records and the lists
 * they carry are never changed once made).
 */
public abstract class WireSerializer<T> extends TypeSerializerSingleton<T> {
    private static final long serialVersionUID = 1L;

    /** What {@link #createInstance()} returns: a record with every field empty. */
    protected abstract T blank();

    protected abstract void write(T value, DataOutputView out) throws IOException;

    protected abstract T read(DataInputView in) throws IOException;

    @Override
    public final boolean isImmutableType() {
        return true;
    }

    @Override
    public final T createInstance() {
        return blank();
    }

    @Override
    public final T copy(T from) {
        return from;
    }

    @Override
    public final T copy(T from, T reuse) {
        return from;
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final void serialize(T record, DataOutputView target) throws IOException {
        write(record, target);
    }

    @Override
    public final T deserialize(DataInputView source) throws IOException {
        return read(source);
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return read(source);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        write(read(source), target);
    }

    /** The type information that hands Flink a {@link WireSerializer} for {@code type}. */
    public static final class Info<T> extends TypeInformation<T> {
        private static final long serialVersionUID = 1L;
        private final Class<T> type;
        private final WireSerializer<T> serializer;

        public Info(Class<T> type, Supplier<WireSerializer<T>> serializer) {
            this.type = type;
            this.serializer = serializer.get();
        }

        @Override
        public boolean isBasicType() {
            return false;
        }

        @Override
        public boolean isTupleType() {
            return false;
        }

        @Override
        public int getArity() {
            return 1;
        }

        @Override
        public int getTotalFields() {
            return 1;
        }

        @Override
        public Class<T> getTypeClass() {
            return type;
        }

        @Override
        public boolean isKeyType() {
            return false;
        }

        @Override
        public WireSerializer<T> createSerializer(SerializerConfig config) {
            return serializer;
        }

        @Override
        public String toString() {
            return "Wire<" + type.getSimpleName() + ">";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Info<?> other && other.type == type;
        }

        @Override
        public int hashCode() {
            return type.hashCode();
        }

        @Override
        public boolean canEqual(Object o) {
            return o instanceof Info;
        }
    }
}
