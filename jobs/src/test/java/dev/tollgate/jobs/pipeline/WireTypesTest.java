package dev.tollgate.jobs.pipeline;

import dev.tollgate.detectors.fraud.ClickTrailAnalyzer.Kind;
import dev.tollgate.detectors.fraud.PublisherDelayProfile.Sample;
import dev.tollgate.detectors.fraud.TrailClick;
import dev.tollgate.detectors.model.AnalystDecision;
import dev.tollgate.detectors.model.ClickEvent;
import dev.tollgate.detectors.model.ClickSignal;
import dev.tollgate.detectors.model.ClickSignal.PriorClick;
import dev.tollgate.detectors.model.ClickSignal.TrailFinding;
import dev.tollgate.detectors.model.ContractEvent;
import dev.tollgate.detectors.model.Item;
import dev.tollgate.detectors.model.Money;
import dev.tollgate.detectors.model.OrderEvent;
import dev.tollgate.detectors.model.OrderStatus;
import dev.tollgate.detectors.model.Placement;
import dev.tollgate.detectors.parse.EventParser;
import dev.tollgate.detectors.parse.ParserSettings;
import dev.tollgate.detectors.rules.OrderCase.ClickShare;
import dev.tollgate.jobs.pipeline.wire.WireSerializer;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every shuffled record reads back equal to what was written, through the serializer Flink picks for its type. */
class WireTypesTest {
    private static final Path FIXTURES = Path.of("..", "fixtures");

    @Test
    void flinkPicksTheWireSerializerForEveryShuffledRecord() {
        for (Class<?> type : List.of(Envelope.class, SubjectClick.class, OrderUpdate.class, DelaySample.class)) {
            assertThat(TypeInformation.of(type).createSerializer(new SerializerConfigImpl()))
                    .as(type.getSimpleName()).isInstanceOf(WireSerializer.class);
        }
    }

    @Test
    void everyEventOfTheFixturesReadsBackEqual() throws IOException {
        EventParser parser = new EventParser(ParserSettings.defaults());
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(FIXTURES.resolve("scenarios"))) {
            s.filter(f -> f.toString().endsWith(".jsonl")).forEach(files::add);
        }
        files.add(FIXTURES.resolve("generated").resolve("seed-7-users-400.jsonl"));
        int events = 0;
        List<ClickEvent> clicks = new ArrayList<>();
        List<OrderEvent> orders = new ArrayList<>();
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                if (line.isBlank()) {
                    continue;
                }
                for (ContractEvent e : parser.parse(line, f.toString(), null).events()) {
                    Envelope env = Envelope.of(e, events % 2 == 0, 1_000L + events);
                    assertThat(roundTrip(Envelope.class, env)).isEqualTo(env);
                    if (e instanceof ClickEvent c) {
                        clicks.add(c);
                    } else if (e instanceof OrderEvent o) {
                        orders.add(o);
                    }
                    events++;
                }
            }
        }
        assertThat(events).isGreaterThan(4_000);
        assertThat(orders).anyMatch(o -> o.items() != null && !o.items().isEmpty());
        for (int i = 0; i < Math.min(clicks.size(), orders.size()); i++) {
            ClickEvent c = clicks.get(i);
            SubjectClick sc = new SubjectClick("device:" + c.deviceId(), Kind.DEVICE, TrailClick.of(c), 7L);
            assertThat(roundTrip(SubjectClick.class, sc)).isEqualTo(sc);
            OrderUpdate u = OrderUpdate.joined(orders.get(i).orderId(), orders.get(i), c, List.of(),
                    List.of(new ClickShare("o-" + i, 5L)), List.of(), 9L);
            assertThat(roundTrip(OrderUpdate.class, u)).isEqualTo(u);
        }
    }

    @Test
    void nullsNonAsciiTextLargeDecimalsAndNegativeNumbersReadBackEqual() throws IOException {
        ClickEvent empty = new ClickEvent(null, null, Long.MIN_VALUE, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
        ClickEvent full = new ClickEvent("é-1", "clíck-ü", -1L, "aliexpress", "pub 🚀", "user", "dev", "2001:db8::1",
                "DE", "Mozilla/5.0 (Линукс)", "https://例え.jp/?q=ä", "https://x", "платье", Placement.POPUP,
                Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0, Boolean.FALSE);
        Item item = new Item("sku", "Титул", "a/b", -3, new Money(new BigDecimal("123456789012345678901234567890.123"),
                "EUR"), true, "CN", null, null, false);
        OrderEvent order = new OrderEvent("e", "o", OrderStatus.PAID, 0L, "p", null, null, null, null, null, null,
                null, null, new Money(new BigDecimal("-0.10"), "USD"), null, null, null, "ПРОМО", null,
                Arrays.asList(item, null), null, null, null, null, null);
        ClickSignal signal = new ClickSignal("c", "ip:x", 3L, Arrays.asList(new TrailFinding("BOT", "d", "{}"), null),
                List.of(new PriorClick("p", 1L, null, "pub")));
        for (Envelope e : List.of(Envelope.of(empty), Envelope.of(full), Envelope.of(order),
                Envelope.of(signal, -5L), Envelope.ofControl("{\"k\":\"ü\"}", 0L),
                Envelope.of(new AnalystDecision("o", "CREDIT", "maria", null, 4L)),
                new Envelope(full, order, null, signal, null, "both", true, 1L),
                new Envelope(null, null, null, null, null, null, false, 0L))) {
            assertThat(roundTrip(Envelope.class, e)).isEqualTo(e);
        }
        OrderUpdate nulls = new OrderUpdate(null, null, null, null, null, null, null, 0L);
        OrderUpdate lists = new OrderUpdate("o", order, full, List.of(), null, List.of(signal, signal),
                new AnalystDecision("o", "EXCLUDE", "lena", "note", 2L), -1L);
        assertThat(roundTrip(OrderUpdate.class, nulls)).isEqualTo(nulls);
        assertThat(roundTrip(OrderUpdate.class, lists)).isEqualTo(lists);
        DelaySample sample = new DelaySample("aliexpress", new Sample("o", "c", "p", -1L, Long.MAX_VALUE));
        assertThat(roundTrip(DelaySample.class, sample)).isEqualTo(sample);
        assertThat(roundTrip(DelaySample.class, new DelaySample(null, null))).isEqualTo(new DelaySample(null, null));
        SubjectClick bare = new SubjectClick(null, null, null, 0L);
        assertThat(roundTrip(SubjectClick.class, bare)).isEqualTo(bare);
    }

    @Test
    void copyingSerializedBytesGivesTheSameBytes() throws IOException {
        TypeSerializer<OrderUpdate> s = serializer(OrderUpdate.class);
        OrderUpdate u = OrderUpdate.signals("o", List.of(new ClickSignal("c", "user:u", 1L, List.of(), null)), 3L);
        DataOutputSerializer first = new DataOutputSerializer(64);
        s.serialize(u, first);
        s.serialize(u, first);
        DataOutputSerializer copied = new DataOutputSerializer(64);
        DataInputDeserializer in = new DataInputDeserializer(first.getCopyOfBuffer());
        s.copy(in, copied);
        s.copy(in, copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(first.getCopyOfBuffer());
    }

    @Test
    void bytesThatAreNotTheWireFormatAreRefused() {
        TypeSerializer<Envelope> s = serializer(Envelope.class);
        // a click whose first string claims 2^28 bytes
        byte[] bytes = {1, (byte) 0x81, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};
        assertThatThrownBy(() -> s.deserialize(new DataInputDeserializer(bytes))).isInstanceOf(IOException.class);
    }

    private static <T> TypeSerializer<T> serializer(Class<T> type) {
        return TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
    }

    private static <T> T roundTrip(Class<T> type, T value) throws IOException {
        TypeSerializer<T> s = serializer(type);
        DataOutputSerializer out = new DataOutputSerializer(256);
        s.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T read = s.deserialize(in);
        assertThat(in.available()).as("bytes left after " + type.getSimpleName()).isZero();
        return read;
    }
}
