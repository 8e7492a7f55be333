package dev.tollgate.detectors.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.detectors.parse.DeadLetter.ErrorKind;
import dev.tollgate.detectors.parse.InputType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Malformed copies of valid records, one kind of fault at a time, for the property tests that every one of them
 * reaches the dead letters with its reason and changes nothing. Each is made from a real record (a fixture line of
 * the same type), so it names real orders and clicks: a parser that let part of one through would change their
 * verdicts. Faults are drawn from what upstream systems really get wrong, for every field of the contract that can
 * carry one (EVENTS.md): truncated JSON and repeated keys, a required field dropped or of the wrong JSON type,
 * enumerations, timestamps, IPs, countries, currencies and amounts out of their domains, records too large, unknown
 * record types. Plain Java over a {@link Random}, so a corpus is reproducible from its seed.
 */
public final class MalformedRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Every event type of EVENTS.md a file or an input topic carries. */
    public static final List<InputType> TYPES = List.of(InputType.CLICK, InputType.ORDER, InputType.SESSION,
            InputType.DECISION, InputType.ALIEXPRESS_ORDER, InputType.AWIN_TRANSACTION);
    /** Every kind of fault the parser must recognise in a single record. */
    public static final List<ErrorKind> KINDS = List.of(ErrorKind.NOT_JSON, ErrorKind.OVERSIZE,
            ErrorKind.MISSING_FIELD, ErrorKind.WRONG_TYPE, ErrorKind.BAD_ENUM, ErrorKind.BAD_TIMESTAMP,
            ErrorKind.BAD_VALUE, ErrorKind.UNKNOWN_TYPE);

    /**
     * One malformed record: its type, the fault made, the field it was made in ({@code null}: the record), and the
     * valid record it was made from.
     */
    public record Malformed(InputType type, ErrorKind kind, String line, String field, String seed) {
    }

    /** Where each kind of field lies in a record of one type (paths into the record; natives' under payload). */
    private record Shape(List<String> required, List<String> textual, List<String> enums, List<String> times,
                         List<String> ips, List<String> countries, List<String> currencies, List<String> amounts,
                         List<String> counts) {
        /** The same fields in a record as a typed topic carries it: no type, a native feed's payload unwrapped. */
        Shape onTopic() {
            return new Shape(topic(required).stream().filter(f -> !f.equals("type") && !f.equals("payload"))
                    .toList(), topic(textual), topic(enums), topic(times), topic(ips), topic(countries),
                    topic(currencies), topic(amounts), topic(counts));
        }

        private static List<String> topic(List<String> paths) {
            return paths.stream().map(p -> p.startsWith("payload.") ? p.substring("payload.".length()) : p).toList();
        }
    }

    private static final Map<InputType, Shape> SHAPES = new EnumMap<>(Map.of(
            InputType.CLICK, new Shape(List.of("type", "eventId", "clickId", "ts", "program", "publisherId", "ip"),
                    List.of("eventId", "clickId", "program", "publisherId"), List.of("placement"), List.of("ts"),
                    List.of("ip"), List.of("ipCountry"), List.of(), List.of(), List.of("interactions", "cartItems")),
            InputType.ORDER, new Shape(List.of("type", "eventId", "orderId", "status", "ts", "program"),
                    List.of("eventId", "orderId", "program"), List.of("status", "networkSpam"), List.of("ts"),
                    List.of(), List.of("shipToCountry", "buyerCountry"), List.of("amount.currency"),
                    List.of("amount.value"), List.of()),
            InputType.SESSION, new Shape(List.of("type", "eventId", "ts", "clickId", "kind"),
                    List.of("eventId", "clickId"), List.of("kind"), List.of("ts"), List.of(), List.of(), List.of(),
                    List.of(), List.of()),
            InputType.DECISION, new Shape(List.of("type", "orderId", "decision", "analyst", "ts"),
                    List.of("orderId", "decision", "analyst"), List.of("decision"), List.of("ts"), List.of(),
                    List.of(), List.of(), List.of(), List.of()),
            InputType.ALIEXPRESS_ORDER, new Shape(List.of("type", "payload", "payload.order_id",
                    "payload.order_status", "payload.created_time", "payload.paid_amount"),
                    List.of("payload.order_status"), List.of("payload.order_status"),
                    List.of("payload.created_time"), List.of(), List.of("payload.ship_to_country"),
                    List.of("payload.settled_currency"), List.of(), List.of("payload.product_count")),
            InputType.AWIN_TRANSACTION, new Shape(List.of("type", "payload", "payload.id",
                    "payload.commissionStatus", "payload.transactionDate", "payload.saleAmount"),
                    List.of("payload.commissionStatus"), List.of("payload.commissionStatus"),
                    List.of("payload.transactionDate"), List.of(), List.of("payload.customerCountry"),
                    List.of("payload.saleAmount.currency"), List.of("payload.saleAmount.amount"), List.of())));

    /** Codes ISO 3166-1 reserves for private use: never assigned to a country. */
    private static final List<String> UNASSIGNED_COUNTRIES = List.of("AA", "QM", "QN", "QZ", "XA", "XQ", "XY", "ZZ");
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toSet());

    private final Map<InputType, List<ObjectNode>> seeds = new EnumMap<>(InputType.class);
    private final int maxRecordBytes;
    private final boolean onTopics;

    /**
     * @param validLines records of the fixtures (every type but decisions must occur; decisions are made for their
     *     orders)
     * @param maxRecordBytes the parser's size limit, for records too large
     */
    public MalformedRecords(List<String> validLines, int maxRecordBytes) {
        this(validLines, maxRecordBytes, false);
    }

    /**
     * Malformed records as the typed input topics carry them ({@code tollgate load} strips the type, unwraps native
     * payloads): the value of a Kafka record for {@code topics.forType(type)}.
     */
    public static MalformedRecords forTopics(List<String> validLines, int maxRecordBytes) {
        return new MalformedRecords(validLines, maxRecordBytes, true);
    }

    private MalformedRecords(List<String> validLines, int maxRecordBytes, boolean onTopics) {
        this.maxRecordBytes = maxRecordBytes;
        this.onTopics = onTopics;
        List<String> orderIds = new ArrayList<>();
        for (String line : validLines) {
            ObjectNode node = read(line);
            InputType type = InputType.fromWire(node.path("type").asText());
            if (type == null || !SHAPES.containsKey(type)) {
                continue;
            }
            node.remove("label");
            seeds.computeIfAbsent(type, t -> new ArrayList<>()).add(node);
            if (type == InputType.ORDER) {
                orderIds.add(node.get("orderId").asText());
            }
        }
        if (!seeds.containsKey(InputType.DECISION)) {
            List<ObjectNode> decisions = new ArrayList<>();
            for (int i = 0; i < orderIds.size(); i++) {
                ObjectNode d = NODES.objectNode().put("type", "decision").put("orderId", orderIds.get(i))
                        .put("decision", i % 2 == 0 ? "EXCLUDE" : "CREDIT").put("analyst", "ana@example.com")
                        .put("note", "overruled").put("ts", "2026-11-20T10:00:00Z");
                decisions.add(d);
            }
            seeds.put(InputType.DECISION, decisions);
        }
        for (InputType t : TYPES) {
            if (seeds.getOrDefault(t, List.of()).isEmpty()) {
                throw new IllegalArgumentException("no valid " + t.wireName() + " record to make malformed ones from");
            }
        }
    }

    /**
     * Whether records of {@code type} can have a fault of {@code kind}: every pair but BAD_VALUE for sessions and
     * decisions, which have no field with a domain beyond its enumeration (kind, decision) and timestamp.
     */
    public static boolean applies(InputType type, ErrorKind kind) {
        if (kind != ErrorKind.BAD_VALUE) {
            return true;
        }
        Shape s = SHAPES.get(type);
        return !(s.ips().isEmpty() && s.countries().isEmpty() && s.currencies().isEmpty() && s.amounts().isEmpty()
                && s.counts().isEmpty());
    }

    /** Whether this generator makes faults of {@code kind} in {@code type}: a typed topic has no type to get wrong. */
    public boolean makes(InputType type, ErrorKind kind) {
        return applies(type, kind) && !(onTopics && kind == ErrorKind.UNKNOWN_TYPE);
    }

    /** A record of {@code type} with a fault of {@code kind} (see {@link #makes}). */
    public Malformed make(InputType type, ErrorKind kind, Random r) {
        List<ObjectNode> ofType = seeds.get(type);
        ObjectNode record = ofType.get(r.nextInt(ofType.size())).deepCopy();
        Shape shape = SHAPES.get(type);
        if (onTopics) {
            shape = shape.onTopic();
            if (record.get("payload") instanceof ObjectNode payload) {
                record = payload;
            } else {
                record.remove("type");
            }
        }
        String seed = write(record);
        Malformed m = fault(type, kind, record, shape, r);
        return new Malformed(m.type(), m.kind(), m.line(), m.field(), seed);
    }

    private Malformed fault(InputType type, ErrorKind kind, ObjectNode record, Shape shape, Random r) {
        return switch (kind) {
            case NOT_JSON -> notJson(type, record, r);
            case OVERSIZE -> {
                record.put("padding", "x".repeat(maxRecordBytes + r.nextInt(4096)));
                yield new Malformed(type, kind, write(record), null, null);
            }
            case MISSING_FIELD -> {
                String field = pick(shape.required(), r);
                if (shape.textual().contains(field) && r.nextBoolean()) {
                    set(record, field, NODES.textNode(" ".repeat(r.nextInt(3)))); // blank is missing too
                } else {
                    remove(record, field);
                }
                yield new Malformed(type, kind, write(record), field, null);
            }
            case WRONG_TYPE -> wrongType(type, record, shape, r);
            case BAD_ENUM -> {
                String field = pick(shape.enums(), r);
                set(record, field, NODES.textNode(nonsense("x-", r)));
                yield new Malformed(type, kind, write(record), field, null);
            }
            case BAD_TIMESTAMP -> {
                String field = pick(shape.times(), r);
                set(record, field, NODES.textNode(badTime(r)));
                yield new Malformed(type, kind, write(record), field, null);
            }
            case BAD_VALUE -> badValue(type, record, shape, r);
            case UNKNOWN_TYPE -> {
                record.put("type", nonsense(r.nextBoolean() ? "refund-" : "", r));
                yield new Malformed(type, kind, write(record), "type", null);
            }
            default -> throw new IllegalArgumentException(kind + " is not a fault of one record");
        };
    }

    /** At least {@code count} records, every type with every kind that {@linkplain #applies applies} in turn. */
    public List<Malformed> corpus(int count, long seed, List<ErrorKind> kinds) {
        Random r = new Random(seed);
        List<Malformed> out = new ArrayList<>(count);
        while (out.size() < count) {
            for (ErrorKind kind : kinds) {
                for (InputType type : TYPES) {
                    if (makes(type, kind)) {
                        out.add(make(type, kind, r));
                    }
                }
            }
        }
        return out;
    }

    private Malformed notJson(InputType type, ObjectNode record, Random r) {
        String line = write(record);
        if (r.nextBoolean()) {
            // a cut anywhere before the closing brace leaves an object that never closes
            String cut = line.substring(0, 1 + r.nextInt(line.length() - 1));
            return new Malformed(type, ErrorKind.NOT_JSON, cut, null, null);
        }
        // a key written twice: which one counts would depend on the reader
        List<String> keys = new ArrayList<>();
        record.fieldNames().forEachRemaining(keys::add);
        String key = pick(keys, r);
        String again = ",\"" + key + "\":" + record.get(key).toString() + "}";
        return new Malformed(type, ErrorKind.NOT_JSON, line.substring(0, line.length() - 1) + again, key, null);
    }

    private Malformed wrongType(InputType type, ObjectNode record, Shape shape, Random r) {
        if (r.nextInt(8) == 0) {
            List<JsonNode> roots = List.of(NODES.arrayNode().add(record), NODES.textNode(write(record)),
                    NODES.numberNode(r.nextInt()), NODES.booleanNode(true));
            return new Malformed(type, ErrorKind.WRONG_TYPE, pick(roots, r).toString(), null, null);
        }
        String field = pick(shape.textual(), r);
        List<BiFunction<Random, ObjectNode, JsonNode>> wrong = List.of(
                (g, n) -> NODES.numberNode(g.nextInt(1000)), (g, n) -> NODES.booleanNode(g.nextBoolean()),
                (g, n) -> NODES.arrayNode().add(nonsense("", g)), (g, n) -> NODES.objectNode().put("v", "x"));
        // identifiers of the native feeds may be numbers; those get a boolean, array or object
        JsonNode value = pick(wrong.subList(field.startsWith("payload.") ? 1 : 0, wrong.size()), r).apply(r, record);
        set(record, field, value);
        return new Malformed(type, ErrorKind.WRONG_TYPE, write(record), field, null);
    }

    private Malformed badValue(InputType type, ObjectNode record, Shape shape, Random r) {
        List<String> choices = new ArrayList<>();
        shape.ips().forEach(f -> choices.add("ip:" + f));
        shape.countries().forEach(f -> choices.add("country:" + f));
        shape.currencies().forEach(f -> choices.add("currency:" + f));
        shape.amounts().forEach(f -> choices.add("amount:" + f));
        shape.counts().forEach(f -> choices.add("count:" + f));
        String choice = pick(choices, r);
        String field = choice.substring(choice.indexOf(':') + 1);
        if (field.startsWith("amount.") && !record.has("amount")) {
            record.set("amount", NODES.objectNode().put("value", "12.50").put("currency", "USD"));
        }
        JsonNode value = switch (choice.substring(0, choice.indexOf(':'))) {
            case "ip" -> NODES.textNode(badIp(r));
            case "country" -> NODES.textNode(r.nextBoolean() ? pick(UNASSIGNED_COUNTRIES, r)
                    : pick(List.of("USA", "U", "uk", "Germany", "1", "D E"), r));
            case "currency" -> NODES.textNode(badCurrency(r));
            case "amount" -> r.nextBoolean() ? NODES.textNode("1e" + (13 + r.nextInt(400)))
                    : NODES.textNode("1." + "0".repeat(8) + (1 + r.nextInt(9)));
            case "count" -> NODES.numberNode(-1 - r.nextInt(1000));
            default -> throw new IllegalStateException(choice);
        };
        set(record, field, value);
        return new Malformed(type, ErrorKind.BAD_VALUE, write(record), field, null);
    }

    private static String badIp(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> nonsense("", r) + ".example.com";
            case 1 -> (256 + r.nextInt(700)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
            case 2 -> "cafe." + pick(List.of("de", "be", "ad"), r);
            case 3 -> "localhost";
            default -> "1.2.3";
        };
    }

    private static String badCurrency(Random r) {
        while (true) {
            String c = "" + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26));
            if (!CURRENCIES.contains(c)) {
                return r.nextBoolean() ? c : c.toLowerCase(java.util.Locale.ROOT);
            }
        }
    }

    private static String badTime(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> nonsense("", r);
            case 1 -> "2026-" + (13 + r.nextInt(80)) + "-01T10:00:00Z";
            case 2 -> "2026-11-" + (32 + r.nextInt(60)) + " 10:00";
            case 3 -> "yesterday";
            default -> "20261120" + r.nextInt(1000);
        };
    }

    /** Letters no enumeration, type or timestamp of the contract uses. */
    private static String nonsense(String prefix, Random r) {
        StringBuilder b = new StringBuilder(prefix).append('q');
        for (int i = 0, n = 2 + r.nextInt(10); i < n; i++) {
            b.append((char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

    private static <T> T pick(List<T> from, Random r) {
        return from.get(r.nextInt(from.size()));
    }

    private static void set(ObjectNode record, String path, JsonNode value) {
        int dot = path.lastIndexOf('.');
        ObjectNode parent = dot < 0 ? record : (ObjectNode) at(record, path.substring(0, dot));
        parent.set(path.substring(dot + 1), value);
    }

    private static void remove(ObjectNode record, String path) {
        int dot = path.lastIndexOf('.');
        ObjectNode parent = dot < 0 ? record : (ObjectNode) at(record, path.substring(0, dot));
        parent.remove(path.substring(dot + 1));
    }

    private static JsonNode at(ObjectNode record, String path) {
        JsonNode n = record;
        for (String p : path.split("\\.")) {
            n = n.get(p);
        }
        return n;
    }

    private static ObjectNode read(String line) {
        try {
            return (ObjectNode) JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(JsonNode node) {
        return node.toString();
    }
}
