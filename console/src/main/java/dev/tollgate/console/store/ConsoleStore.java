package dev.tollgate.console.store;

import dev.tollgate.detectors.verdict.Reason;
import dev.tollgate.detectors.verdict.Verdict;
import dev.tollgate.detectors.verdict.VerdictJson;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The console's embedded database (H2, schema by Flyway migrations under {@code db/migration}): the verdicts and
 * input events read from Kafka, with the offsets they were read up to in the same transaction, so a restart resumes
 * exactly where the store stands; and the console's own records: decisions, the audit log, sessions.
 */
public final class ConsoleStore implements AutoCloseable {
    private final JdbcConnectionPool pool;

    private ConsoleStore(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    /** Opens (creating or migrating) the database at {@code jdbcUrl}, e.g. {@code jdbc:h2:file:/var/tollgate/console}. */
    public static ConsoleStore open(String jdbcUrl) {
        Flyway.configure().dataSource(jdbcUrl, "sa", "").load().migrate();
        return new ConsoleStore(JdbcConnectionPool.create(jdbcUrl, "sa", ""));
    }

    /** The database in {@code directory} (one file, {@code console.mv.db}). */
    public static ConsoleStore inDirectory(java.nio.file.Path directory) {
        return open("jdbc:h2:file:" + directory.toAbsolutePath().resolve("console") + ";AUTO_SERVER=FALSE");
    }

    // ---------------------------------------------------------------------------------------------- ingestion

    /** Where ingestion stands: per topic, per partition, the next offset to read. */
    public Map<String, Map<Integer, Long>> offsets() {
        return query("SELECT topic, part, next_offset FROM ingest_offset", st -> { }, rs -> {
            Map<String, Map<Integer, Long>> out = new HashMap<>();
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), t -> new HashMap<>()).put(rs.getInt(2), rs.getLong(3));
            }
            return out;
        });
    }

    /**
     * Stores a batch read from Kafka and the offsets after it, in one transaction: a crash between two batches
     * re-reads the second, which changes nothing (every write is keyed by event id or order and version).
     */
    public void ingest(List<Verdict> verdicts, List<InputRow> events, Map<String, Map<Integer, Long>> nextOffsets) {
        transaction(c -> {
            for (InputRow e : events) {
                putEvent(c, e);
            }
            for (Verdict v : verdicts) {
                putVerdict(c, v);
            }
            try (PreparedStatement st = c.prepareStatement(
                    "MERGE INTO ingest_offset (topic, part, next_offset) KEY (topic, part) VALUES (?, ?, ?)")) {
                for (var t : nextOffsets.entrySet()) {
                    for (var p : t.getValue().entrySet()) {
                        st.setString(1, t.getKey());
                        st.setInt(2, p.getKey());
                        st.setLong(3, p.getValue());
                        st.addBatch();
                    }
                }
                st.executeBatch();
            }
            return null;
        });
    }

    private static void putEvent(Connection c, InputRow e) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("MERGE INTO input_event (event_id, type, kind, order_id, "
                + "click_id, ts, summary, program, raw) KEY (event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, e.eventId());
            st.setString(2, e.type());
            st.setString(3, e.kind());
            st.setString(4, e.orderId());
            st.setString(5, e.clickId());
            st.setObject(6, time(e.ts()));
            st.setString(7, cut(e.summary(), 1000));
            st.setString(8, e.program());
            st.setString(9, e.raw());
            st.executeUpdate();
        }
        if (e.orderId() != null) {
            try (PreparedStatement st = c.prepareStatement("MERGE INTO order_ref (order_id, click_id, user_id, "
                    + "device_id, amount, currency, first_ts) KEY (order_id) VALUES (?, "
                    + "COALESCE(?, (SELECT click_id FROM order_ref WHERE order_id = ?)), "
                    + "COALESCE(?, (SELECT user_id FROM order_ref WHERE order_id = ?)), "
                    + "COALESCE(?, (SELECT device_id FROM order_ref WHERE order_id = ?)), "
                    + "COALESCE(?, (SELECT amount FROM order_ref WHERE order_id = ?)), "
                    + "COALESCE(?, (SELECT currency FROM order_ref WHERE order_id = ?)), "
                    + "LEAST(?, COALESCE((SELECT first_ts FROM order_ref WHERE order_id = ?), ?)))")) {
                st.setString(1, e.orderId());
                int i = 2;
                for (Object v : new Object[] {e.clickId(), e.userId(), e.deviceId(), e.amount(), e.currency()}) {
                    st.setObject(i++, v);
                    st.setString(i++, e.orderId());
                }
                st.setObject(i++, time(e.ts()));
                st.setString(i++, e.orderId());
                st.setObject(i, time(e.ts()));
                st.executeUpdate();
            }
        }
        if ("click".equals(e.kind()) && e.clickId() != null) {
            try (PreparedStatement st = c.prepareStatement("MERGE INTO click_ref (click_id, publisher_id, device_id, "
                    + "ts) KEY (click_id) VALUES (?, ?, ?, ?)")) {
                st.setString(1, e.clickId());
                st.setString(2, e.publisherId());
                st.setString(3, e.deviceId());
                st.setObject(4, time(e.ts()));
                st.executeUpdate();
            }
        }
    }

    private static void putVerdict(Connection c, Verdict v) throws SQLException {
        String reasons = VerdictJson.writeReasons(v.reasons());
        try (PreparedStatement st = c.prepareStatement("MERGE INTO verdict_version (order_id, version, program, "
                + "decision, is_final, score, reasons, eligible_value, eligible_ccy, event_time, decided_at, "
                + "policy_version, decided_by) KEY (order_id, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, v.orderId());
            st.setInt(2, v.version());
            st.setString(3, v.program());
            st.setString(4, v.decision().name());
            st.setBoolean(5, v.fin());
            st.setDouble(6, v.score());
            st.setString(7, reasons);
            st.setBigDecimal(8, v.eligibleAmount() == null ? null : v.eligibleAmount().value());
            st.setString(9, v.eligibleAmount() == null ? null : v.eligibleAmount().currency());
            st.setObject(10, time(v.eventTime()));
            st.setObject(11, time(v.decidedAt()));
            st.setString(12, v.policyVersion());
            st.setString(13, v.decidedBy());
            st.executeUpdate();
        }
        Integer current = one(c, "SELECT version FROM order_verdict WHERE order_id = ?", v.orderId(),
                rs -> rs.getInt(1));
        if (current != null && current >= v.version()) {
            return;
        }
        // a decision that came back clears a reopening: the order leaves the queue
        try (PreparedStatement st = c.prepareStatement("MERGE INTO order_verdict (order_id, program, decision, "
                + "is_final, version, score, eligible_value, eligible_ccy, event_time, decided_by, reopened_by, "
                + "reopened_at) KEY (order_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "CASE WHEN ? IS NULL THEN (SELECT reopened_by FROM order_verdict WHERE order_id = ?) END, "
                + "CASE WHEN ? IS NULL THEN (SELECT reopened_at FROM order_verdict WHERE order_id = ?) END)")) {
            st.setString(1, v.orderId());
            st.setString(2, v.program());
            st.setString(3, v.decision().name());
            st.setBoolean(4, v.fin());
            st.setInt(5, v.version());
            st.setDouble(6, v.score());
            st.setBigDecimal(7, v.eligibleAmount() == null ? null : v.eligibleAmount().value());
            st.setString(8, v.eligibleAmount() == null ? null : v.eligibleAmount().currency());
            st.setObject(9, time(v.eventTime()));
            st.setString(10, v.decidedBy());
            st.setString(11, v.decidedBy());
            st.setString(12, v.orderId());
            st.setString(13, v.decidedBy());
            st.setString(14, v.orderId());
            st.executeUpdate();
        }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM order_reason WHERE order_id = ?")) {
            del.setString(1, v.orderId());
            del.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement(
                "MERGE INTO order_reason (order_id, code, severity) KEY (order_id, code, severity) VALUES (?, ?, ?)")) {
            for (Reason r : v.reasons()) {
                st.setString(1, v.orderId());
                st.setString(2, r.code());
                st.setString(3, r.severity());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /** Deletes input events older than {@code before} (the console keeps evidence for a bounded time). */
    public int pruneEventsBefore(Instant before) {
        return transaction(c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM input_event WHERE ts < ?")) {
                st.setObject(1, time(before.toEpochMilli()));
                return st.executeUpdate();
            }
        });
    }

    // ---------------------------------------------------------------------------------------------- queue

    /** A page (0-based) of the queue under {@code f}, with the total and the counts per reason of all matches. */
    public QueuePage queue(QueueFilter f, int page, int pageSize) {
        List<Object> args = new ArrayList<>();
        String where = where(f, args);
        String from = " FROM order_verdict v LEFT JOIN order_ref o ON o.order_id = v.order_id "
                + "LEFT JOIN click_ref c ON c.click_id = o.click_id ";
        int total = query("SELECT COUNT(*)" + from + where, st -> bind(st, args), rs -> {
            rs.next();
            return rs.getInt(1);
        });
        String order = f.sort().equals("largest")
                ? " ORDER BY COALESCE(o.amount, v.eligible_value, 0) DESC, v.event_time ASC, v.order_id"
                : " ORDER BY v.event_time ASC, COALESCE(o.amount, v.eligible_value, 0) DESC, v.order_id";
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(pageSize);
        pageArgs.add((long) page * pageSize);
        List<QueueRow> rows = query("SELECT " + QUEUE_COLUMNS + ", (SELECT LISTAGG(r.code, ',') WITHIN GROUP (ORDER BY r.code) "
                        + "FROM order_reason r WHERE r.order_id = v.order_id AND r.severity IN ('exclude', 'review'))"
                        + from + where + order + " LIMIT ? OFFSET ?",
                st -> bind(st, pageArgs), ConsoleStore::queueRows);
        Map<String, Integer> counts = query("SELECT r.code, COUNT(DISTINCT r.order_id) FROM order_reason r WHERE "
                        + "r.severity IN ('exclude', 'review') AND r.order_id IN (SELECT v.order_id" + from + where + ") "
                        + "GROUP BY r.code ORDER BY 2 DESC, 1",
                st -> bind(st, args), rs -> {
                    Map<String, Integer> out = new LinkedHashMap<>();
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getInt(2));
                    }
                    return out;
                });
        return new QueuePage(rows, total, page, pageSize, counts);
    }

    private static String where(QueueFilter f, List<Object> args) {
        StringBuilder w = new StringBuilder(" WHERE ");
        switch (f.status()) {
            case "held" -> w.append("((v.decision = 'REVIEW' AND v.decided_by IS NULL) OR v.reopened_by IS NOT NULL)");
            case "REVIEW", "EXCLUDE", "CREDIT" -> {
                w.append("v.decision = ?");
                args.add(f.status());
            }
            default -> w.append("TRUE");
        }
        if (f.program() != null) {
            w.append(" AND v.program = ?");
            args.add(f.program());
        }
        if (f.publisher() != null) {
            w.append(" AND c.publisher_id = ?");
            args.add(f.publisher());
        }
        if (f.reason() != null) {
            w.append(" AND EXISTS (SELECT 1 FROM order_reason r WHERE r.order_id = v.order_id AND r.code = ?)");
            args.add(f.reason());
        }
        if (f.from() != null) {
            w.append(" AND v.event_time >= ?");
            args.add(time(f.from().toEpochMilli()));
        }
        if (f.to() != null) {
            w.append(" AND v.event_time < ?");
            args.add(time(f.to().toEpochMilli()));
        }
        return w.toString();
    }

    /** The programs and publishers seen, for the filter lists. */
    public List<String> programs() {
        return strings("SELECT DISTINCT program FROM order_verdict ORDER BY 1");
    }

    public List<String> publishers() {
        return strings("SELECT DISTINCT publisher_id FROM click_ref WHERE publisher_id IS NOT NULL ORDER BY 1");
    }

    // ---------------------------------------------------------------------------------------------- one order

    /** Every stored version of an order's verdict, oldest first. */
    public List<VerdictRow> history(String orderId) {
        return query("SELECT order_id, version, program, decision, is_final, score, reasons, eligible_value, "
                + "eligible_ccy, event_time, decided_at, policy_version, decided_by FROM verdict_version "
                + "WHERE order_id = ? ORDER BY version", st -> st.setString(1, orderId), rs -> {
                    List<VerdictRow> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new VerdictRow(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                                rs.getBoolean(5), rs.getDouble(6), rs.getString(7), rs.getBigDecimal(8),
                                rs.getString(9), instant(rs, 10), instant(rs, 11), rs.getString(12),
                                rs.getString(13)));
                    }
                    return out;
                });
    }

    /** What the input says about an order: click, user, device, publisher, amount; empty when nothing was read. */
    public Optional<OrderFacts> facts(String orderId) {
        return Optional.ofNullable(query("SELECT o.click_id, o.user_id, COALESCE(o.device_id, c.device_id), "
                + "c.publisher_id, o.amount, o.currency, v.reopened_by FROM order_ref o "
                + "LEFT JOIN click_ref c ON c.click_id = o.click_id "
                + "LEFT JOIN order_verdict v ON v.order_id = o.order_id WHERE o.order_id = ?",
                st -> st.setString(1, orderId), rs -> rs.next() ? new OrderFacts(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getBigDecimal(5), rs.getString(6), rs.getString(7))
                        : null));
    }

    /** The facts of an order as the console knows them from the input topics. */
    public record OrderFacts(String clickId, String userId, String deviceId, String publisherId, BigDecimal amount,
                             String currency, String reopenedBy) {
    }

    /** The order's own events, its click and the click's session events, oldest first. */
    public List<InputRow> timeline(String orderId) {
        return query("SELECT event_id, type, kind, order_id, click_id, ts, summary, program, raw FROM input_event "
                + "WHERE order_id = ? OR (order_id IS NULL AND click_id IN "
                + "(SELECT click_id FROM order_ref WHERE order_id = ?)) ORDER BY ts, event_id",
                st -> {
                    st.setString(1, orderId);
                    st.setString(2, orderId);
                }, ConsoleStore::inputRows);
    }

    private static List<InputRow> inputRows(ResultSet rs) throws SQLException {
        List<InputRow> out = new ArrayList<>();
        while (rs.next()) {
            out.add(new InputRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), instant(rs, 6).toEpochMilli(), rs.getString(7), rs.getString(8),
                    rs.getString(9), null, null, null, null, null));
        }
        return out;
    }

    /**
     * The newest other orders of the same publisher ({@code byPublisher}) or the same device, with their newest
     * verdicts, at most {@code limit}.
     */
    public List<QueueRow> related(String orderId, boolean byPublisher, int limit) {
        OrderFacts f = facts(orderId).orElse(null);
        String key = f == null ? null : byPublisher ? f.publisherId() : f.deviceId();
        if (key == null) {
            return List.of();
        }
        String match = byPublisher ? "c.publisher_id = ?" : "COALESCE(o.device_id, c.device_id) = ?";
        return query("SELECT " + QUEUE_COLUMNS + " FROM order_verdict v JOIN order_ref o ON o.order_id = v.order_id "
                + "LEFT JOIN click_ref c ON c.click_id = o.click_id WHERE " + match + " AND v.order_id <> ? "
                + "ORDER BY v.event_time DESC LIMIT ?", st -> {
                    st.setString(1, key);
                    st.setString(2, orderId);
                    st.setInt(3, limit);
                }, ConsoleStore::queueRows);
    }

    /** Rows of {@link #QUEUE_COLUMNS}, with the reason codes in a twelfth column when the query has one. */
    private static List<QueueRow> queueRows(ResultSet rs) throws SQLException {
        boolean withCodes = rs.getMetaData().getColumnCount() >= 12;
        List<QueueRow> out = new ArrayList<>();
        while (rs.next()) {
            String codes = withCodes ? rs.getString(12) : null;
            out.add(new QueueRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                    rs.getInt(5), rs.getDouble(6), rs.getBigDecimal(7), rs.getString(8), rs.getString(9),
                    instant(rs, 10), codes == null || codes.isEmpty() ? List.of() : List.of(codes.split(",")),
                    rs.getString(11)));
        }
        return out;
    }

    /** The columns of a queue row, over {@code order_verdict v}, {@code order_ref o} and {@code click_ref c}. */
    private static final String QUEUE_COLUMNS = "v.order_id, v.program, v.decision, v.is_final, v.version, v.score, "
            + "COALESCE(o.amount, v.eligible_value), COALESCE(o.currency, v.eligible_ccy), c.publisher_id, "
            + "v.event_time, v.reopened_by";

    /** Puts an order back into the queue (an EXCLUDE an analyst wants to look at again). */
    public boolean reopen(String orderId, String username, Instant at) {
        return transaction(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE order_verdict SET reopened_by = ?, reopened_at = ? "
                    + "WHERE order_id = ? AND reopened_by IS NULL")) {
                st.setString(1, username);
                st.setObject(2, time(at.toEpochMilli()));
                st.setString(3, orderId);
                return st.executeUpdate() == 1;
            }
        });
    }

    // ---------------------------------------------------------------------------------------------- decisions

    /**
     * Records a decision under its one-time key; returns the decision stored under that key, which is the given one
     * unless the key was used before (a double click or a retry): then nothing is recorded again.
     */
    public DecisionRow recordDecision(DecisionRow d) {
        return transaction(c -> {
            DecisionRow existing = decision(c, d.key());
            if (existing != null) {
                return existing;
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO decision (decision_key, order_id, decision, "
                    + "analyst, note, ts, reversal, record, sent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE)")) {
                st.setString(1, d.key());
                st.setString(2, d.orderId());
                st.setString(3, d.decision());
                st.setString(4, d.analyst());
                st.setString(5, d.note());
                st.setObject(6, time(d.ts().toEpochMilli()));
                st.setBoolean(7, d.reversal());
                st.setString(8, d.record());
                st.executeUpdate();
            }
            return d;
        });
    }

    public void markSent(String key) {
        transaction(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE decision SET sent = TRUE WHERE decision_key = ?")) {
                st.setString(1, key);
                return st.executeUpdate();
            }
        });
    }

    /** Decisions recorded but not known to be sent (a crash between the two): sent again at start. */
    public List<DecisionRow> unsentDecisions() {
        return decisions("SELECT " + DECISION_COLUMNS + " FROM decision WHERE NOT sent ORDER BY ts", st -> { });
    }

    public List<DecisionRow> decisionsOf(String orderId) {
        return decisions("SELECT " + DECISION_COLUMNS + " FROM decision WHERE order_id = ? ORDER BY ts",
                st -> st.setString(1, orderId));
    }

    private static final String DECISION_COLUMNS = "decision_key, order_id, decision, analyst, note, ts, reversal, "
            + "record, sent";

    private List<DecisionRow> decisions(String sql, Binder binder) {
        return query(sql, binder, rs -> {
            List<DecisionRow> out = new ArrayList<>();
            while (rs.next()) {
                out.add(decisionRow(rs));
            }
            return out;
        });
    }

    private static DecisionRow decision(Connection c, String key) throws SQLException {
        return one(c, "SELECT " + DECISION_COLUMNS + " FROM decision WHERE decision_key = ?", key,
                ConsoleStore::decisionRow);
    }

    private static DecisionRow decisionRow(ResultSet rs) throws SQLException {
        return new DecisionRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                instant(rs, 6), rs.getBoolean(7), rs.getString(8), rs.getBoolean(9));
    }

    /**
     * Writes every order an analyst decided as fixture lines for {@code evaluate}: its click, session and order
     * lines, each order line labelled with the analyst's outcome (decision, and for EXCLUDE the codes of the
     * exclude-severity reasons). Streams: nothing is collected beyond one order.
     */
    public long exportLabels(Writer out, LabelLine labeller) throws IOException {
        List<String[]> decided = query("SELECT order_id, decision FROM order_verdict WHERE decided_by IS NOT NULL "
                + "AND is_final ORDER BY event_time, order_id", st -> { }, rs -> {
                    List<String[]> ids = new ArrayList<>();
                    while (rs.next()) {
                        ids.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                    return ids;
                });
        long orders = 0;
        for (String[] d : decided) {
            List<String> codes = query("SELECT code FROM order_reason WHERE order_id = ? "
                    + "AND severity IN ('exclude', 'review') ORDER BY code", st -> st.setString(1, d[0]), rs -> {
                        List<String> out1 = new ArrayList<>();
                        while (rs.next()) {
                            out1.add(rs.getString(1));
                        }
                        return out1;
                    });
            Set<String> lines = new LinkedHashSet<>();
            for (InputRow e : timeline(d[0])) {
                lines.add(e.orderId() != null ? labeller.label(e.raw(), d[1], codes) : e.raw());
            }
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
            orders++;
        }
        return orders;
    }

    /** Adds a fixture label to an order line. */
    @FunctionalInterface
    public interface LabelLine {
        String label(String orderLine, String decision, List<String> excludeCodes);
    }

    // ---------------------------------------------------------------------------------------------- audit, sessions

    public void audit(String username, String action, String orderId, String detail, String remote) {
        transaction(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO audit (at, username, action, order_id, "
                    + "detail, remote) VALUES (?, ?, ?, ?, ?, ?)")) {
                st.setObject(1, time(System.currentTimeMillis()));
                st.setString(2, username);
                st.setString(3, action);
                st.setString(4, orderId);
                st.setString(5, cut(detail, 2000));
                st.setString(6, remote);
                return st.executeUpdate();
            }
        });
    }

    /** The newest {@code limit} audit lines, newest first; {@code orderId} narrows to one order when set. */
    public List<AuditRow> auditLog(String orderId, int limit) {
        return query("SELECT id, at, username, action, order_id, detail, remote FROM audit "
                + (orderId == null ? "" : "WHERE order_id = ? ") + "ORDER BY id DESC LIMIT ?", st -> {
                    int i = 1;
                    if (orderId != null) {
                        st.setString(i++, orderId);
                    }
                    st.setInt(i, limit);
                }, rs -> {
                    List<AuditRow> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new AuditRow(rs.getLong(1), instant(rs, 2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7)));
                    }
                    return out;
                });
    }

    /** A login session: who, its CSRF token, until when. */
    public record LoginSession(String username, String csrf, Instant expiresAt) {
    }

    public void putSession(String tokenHash, LoginSession s) {
        transaction(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO login_session (token_hash, username, csrf, "
                    + "expires_at) VALUES (?, ?, ?, ?)")) {
                st.setString(1, tokenHash);
                st.setString(2, s.username());
                st.setString(3, s.csrf());
                st.setObject(4, time(s.expiresAt().toEpochMilli()));
                return st.executeUpdate();
            }
        });
    }

    public Optional<LoginSession> session(String tokenHash, Instant now) {
        return Optional.ofNullable(query("SELECT username, csrf, expires_at FROM login_session WHERE token_hash = ? "
                + "AND expires_at > ?", st -> {
                    st.setString(1, tokenHash);
                    st.setObject(2, time(now.toEpochMilli()));
                }, rs -> rs.next() ? new LoginSession(rs.getString(1), rs.getString(2), instant(rs, 3)) : null));
    }

    public void deleteSession(String tokenHash) {
        transaction(c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM login_session WHERE token_hash = ? "
                    + "OR expires_at < ?")) {
                st.setString(1, tokenHash);
                st.setObject(2, time(System.currentTimeMillis()));
                return st.executeUpdate();
            }
        });
    }

    // ---------------------------------------------------------------------------------------------- JDBC plumbing

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T query(String sql, Binder binder, Reader<T> reader) {
        try (Connection c = pool.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            binder.bind(st);
            try (ResultSet rs = st.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("console store: " + e.getMessage(), e);
        }
    }

    private <T> T transaction(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("console store: " + e.getMessage(), e);
        }
    }

    private static <T> T one(Connection c, String sql, String arg, Reader<T> row) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, arg);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? row.read(rs) : null;
            }
        }
    }

    private List<String> strings(String sql) {
        return query(sql, st -> { }, rs -> {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        });
    }

    private static void bind(PreparedStatement st, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a == null) {
                st.setNull(i + 1, Types.VARCHAR);
            } else {
                st.setObject(i + 1, a);
            }
        }
    }

    private static OffsetDateTime time(long epochMillis) {
        return epochMillis == Long.MIN_VALUE ? null
                : Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
