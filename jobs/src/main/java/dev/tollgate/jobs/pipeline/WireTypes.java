package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.fraud.ClickTrailAnalyzer.Kind;
import dev.tollgate.jobs.pipeline.wire.EventWire;
import dev.tollgate.jobs.pipeline.wire.Wire;
import dev.tollgate.jobs.pipeline.wire.WireSerializer;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * The serializers of the records the pipeline shuffles ({@link SubjectClick} to the click trails, {@link Envelope} to
 * the attribution join, {@link DelaySample} to the delay profiles, {@link OrderUpdate} to the verdict changelog),
 * chosen by the {@code @TypeInfo} annotation on each record. Flink's reflective POJO serializer wrote every string
 * character by character and every field behind a null flag; these write the {@link Wire} format. None of these
 * records is kept in state, so the change touches no checkpoint.
 */
public final class WireTypes {
    private static final Kind[] KINDS = Kind.values();

    /** Bits of an envelope's or update's presence byte: which of its parts follow. */
    private static final int CLICK = 1;
    private static final int ORDER = 2;
    private static final int SESSION = 4;
    private static final int SIGNAL = 8;
    private static final int DECISION = 16;
    private static final int CONTROL = 32;
    private static final int RESTATED = 64;
    private static final int SHARES = 128;

    private WireTypes() {
    }

    public static final class EnvelopeSerializer extends WireSerializer<Envelope> {
        private static final long serialVersionUID = 1L;

        @Override
        protected Envelope blank() {
            return new Envelope(null, null, null, null, null, null, false, 0L);
        }

        @Override
        protected void write(Envelope e, DataOutputView out) throws IOException {
            int mask = (e.click() != null ? CLICK : 0) | (e.order() != null ? ORDER : 0)
                    | (e.session() != null ? SESSION : 0) | (e.signal() != null ? SIGNAL : 0)
                    | (e.decision() != null ? DECISION : 0) | (e.control() != null ? CONTROL : 0)
                    | (e.restated() ? RESTATED : 0);
            out.writeByte(mask);
            if (e.click() != null) {
                EventWire.writeClick(out, e.click());
            }
            if (e.order() != null) {
                EventWire.writeOrder(out, e.order());
            }
            if (e.session() != null) {
                EventWire.writeSession(out, e.session());
            }
            if (e.signal() != null) {
                EventWire.writeSignal(out, e.signal());
            }
            if (e.decision() != null) {
                EventWire.writeDecision(out, e.decision());
            }
            if (e.control() != null) {
                Wire.writeString(out, e.control());
            }
            out.writeLong(e.ingestedAt());
        }

        @Override
        protected Envelope read(DataInputView in) throws IOException {
            int mask = in.readUnsignedByte();
            return new Envelope((mask & CLICK) != 0 ? EventWire.readClick(in) : null,
                    (mask & ORDER) != 0 ? EventWire.readOrder(in) : null,
                    (mask & SESSION) != 0 ? EventWire.readSession(in) : null,
                    (mask & SIGNAL) != 0 ? EventWire.readSignal(in) : null,
                    (mask & DECISION) != 0 ? EventWire.readDecision(in) : null,
                    (mask & CONTROL) != 0 ? Wire.readString(in) : null,
                    (mask & RESTATED) != 0, in.readLong());
        }

        @Override
        public TypeSerializerSnapshot<Envelope> snapshotConfiguration() {
            return new EnvelopeSnapshot();
        }
    }

    public static final class EnvelopeSnapshot extends SimpleTypeSerializerSnapshot<Envelope> {
        public EnvelopeSnapshot() {
            super(EnvelopeSerializer::new);
        }
    }

    public static final class EnvelopeInfo extends TypeInfoFactory<Envelope> {
        @Override
        public TypeInformation<Envelope> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return new WireSerializer.Info<>(Envelope.class, EnvelopeSerializer::new);
        }
    }

    public static final class OrderUpdateSerializer extends WireSerializer<OrderUpdate> {
        private static final long serialVersionUID = 1L;

        @Override
        protected OrderUpdate blank() {
            return new OrderUpdate(null, null, null, null, null, null, null, 0L);
        }

        @Override
        protected void write(OrderUpdate u, DataOutputView out) throws IOException {
            int mask = (u.order() != null ? ORDER : 0) | (u.click() != null ? CLICK : 0)
                    | (u.sessions() != null ? SESSION : 0) | (u.shares() != null ? SHARES : 0)
                    | (u.signals() != null ? SIGNAL : 0) | (u.decision() != null ? DECISION : 0);
            out.writeByte(mask);
            Wire.writeString(out, u.orderId());
            if (u.order() != null) {
                EventWire.writeOrder(out, u.order());
            }
            if (u.click() != null) {
                EventWire.writeClick(out, u.click());
            }
            if (u.sessions() != null) {
                Wire.writeList(out, u.sessions(), EventWire::writeSession);
            }
            if (u.shares() != null) {
                Wire.writeList(out, u.shares(), EventWire::writeShare);
            }
            if (u.signals() != null) {
                Wire.writeList(out, u.signals(), EventWire::writeSignal);
            }
            if (u.decision() != null) {
                EventWire.writeDecision(out, u.decision());
            }
            out.writeLong(u.ingestedAt());
        }

        @Override
        protected OrderUpdate read(DataInputView in) throws IOException {
            int mask = in.readUnsignedByte();
            return new OrderUpdate(Wire.readString(in),
                    (mask & ORDER) != 0 ? EventWire.readOrder(in) : null,
                    (mask & CLICK) != 0 ? EventWire.readClick(in) : null,
                    (mask & SESSION) != 0 ? Wire.readList(in, EventWire::readSession) : null,
                    (mask & SHARES) != 0 ? Wire.readList(in, EventWire::readShare) : null,
                    (mask & SIGNAL) != 0 ? Wire.readList(in, EventWire::readSignal) : null,
                    (mask & DECISION) != 0 ? EventWire.readDecision(in) : null,
                    in.readLong());
        }

        @Override
        public TypeSerializerSnapshot<OrderUpdate> snapshotConfiguration() {
            return new OrderUpdateSnapshot();
        }
    }

    public static final class OrderUpdateSnapshot extends SimpleTypeSerializerSnapshot<OrderUpdate> {
        public OrderUpdateSnapshot() {
            super(OrderUpdateSerializer::new);
        }
    }

    public static final class OrderUpdateInfo extends TypeInfoFactory<OrderUpdate> {
        @Override
        public TypeInformation<OrderUpdate> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return new WireSerializer.Info<>(OrderUpdate.class, OrderUpdateSerializer::new);
        }
    }

    public static final class SubjectClickSerializer extends WireSerializer<SubjectClick> {
        private static final long serialVersionUID = 1L;

        @Override
        protected SubjectClick blank() {
            return new SubjectClick(null, null, null, 0L);
        }

        @Override
        protected void write(SubjectClick s, DataOutputView out) throws IOException {
            Wire.writeString(out, s.subject());
            Wire.writeEnum(out, s.kind());
            out.writeBoolean(s.click() != null);
            if (s.click() != null) {
                EventWire.writeTrailClick(out, s.click());
            }
            out.writeLong(s.ingestedAt());
        }

        @Override
        protected SubjectClick read(DataInputView in) throws IOException {
            return new SubjectClick(Wire.readString(in), Wire.readEnum(in, KINDS),
                    in.readBoolean() ? EventWire.readTrailClick(in) : null, in.readLong());
        }

        @Override
        public TypeSerializerSnapshot<SubjectClick> snapshotConfiguration() {
            return new SubjectClickSnapshot();
        }
    }

    public static final class SubjectClickSnapshot extends SimpleTypeSerializerSnapshot<SubjectClick> {
        public SubjectClickSnapshot() {
            super(SubjectClickSerializer::new);
        }
    }

    public static final class SubjectClickInfo extends TypeInfoFactory<SubjectClick> {
        @Override
        public TypeInformation<SubjectClick> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return new WireSerializer.Info<>(SubjectClick.class, SubjectClickSerializer::new);
        }
    }

    public static final class DelaySampleSerializer extends WireSerializer<DelaySample> {
        private static final long serialVersionUID = 1L;

        @Override
        protected DelaySample blank() {
            return new DelaySample(null, null);
        }

        @Override
        protected void write(DelaySample s, DataOutputView out) throws IOException {
            Wire.writeString(out, s.program());
            out.writeBoolean(s.sample() != null);
            if (s.sample() != null) {
                EventWire.writeSample(out, s.sample());
            }
        }

        @Override
        protected DelaySample read(DataInputView in) throws IOException {
            return new DelaySample(Wire.readString(in), in.readBoolean() ? EventWire.readSample(in) : null);
        }

        @Override
        public TypeSerializerSnapshot<DelaySample> snapshotConfiguration() {
            return new DelaySampleSnapshot();
        }
    }

    public static final class DelaySampleSnapshot extends SimpleTypeSerializerSnapshot<DelaySample> {
        public DelaySampleSnapshot() {
            super(DelaySampleSerializer::new);
        }
    }

    public static final class DelaySampleInfo extends TypeInfoFactory<DelaySample> {
        @Override
        public TypeInformation<DelaySample> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return new WireSerializer.Info<>(DelaySample.class, DelaySampleSerializer::new);
        }
    }
}
