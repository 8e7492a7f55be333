package dev.tollgate.tools.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process), started in this JVM on
 * loopback. Used by {@code tollgate broker}, the demo and the tests; there is no Docker engine here.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    /** Largest producer transaction timeout the broker accepts; the exactly-once sink stays below it. */
    public static final long MAX_TRANSACTION_TIMEOUT_MS = 15 * 60 * 1000L;

    private final int port;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private final Map<String, String> overrides;
    /** A SCRAM user and password, or {@code null}: clients then connect in plaintext without authentication. */
    private final String[] scramUser;
    private int saslPort;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(int port, Path dataDir, boolean deleteOnClose, Map<String, String> overrides,
                                String[] scramUser) {
        this.port = port;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.overrides = Map.copyOf(overrides);
        this.scramUser = scramUser;
    }

    /** The SCRAM mechanism of {@link #startWithScram}. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-256";

    /**
     * A broker whose client listener ({@link #bootstrapServers()}) authenticates with SASL/SCRAM-SHA-256 the one user
     * given (created when the log directory is formatted, as {@code kafka-storage format --add-scram} does), the way a
     * production cluster asks for credentials; brokers and controller talk among themselves in plaintext.
     */
    public static EmbeddedKafkaBroker startWithScram(String user, String password) throws IOException {
        Path dir = Files.createTempDirectory("tollgate-kafka-scram");
        EmbeddedKafkaBroker b = new EmbeddedKafkaBroker(freePort(), dir, true, Map.of(),
                new String[] {user, password});
        b.start();
        return b;
    }

    /** Starts a broker on a free port with a temporary log directory, deleted on close. */
    public static EmbeddedKafkaBroker startOnFreePort() throws IOException {
        return startOnFreePort(Map.of());
    }

    /**
     * As {@link #startOnFreePort()}, with broker settings of a test's own (e.g. {@code log.retention.check.interval.ms}
     * to see retention act within seconds).
     */
    public static EmbeddedKafkaBroker startOnFreePort(Map<String, String> overrides) throws IOException {
        Path dir = Files.createTempDirectory("tollgate-kafka");
        EmbeddedKafkaBroker b = new EmbeddedKafkaBroker(freePort(), dir, true, overrides, null);
        b.start();
        return b;
    }

    /** Starts a broker on {@code port} keeping its log in {@code dataDir} (formatted on first use). */
    public static EmbeddedKafkaBroker start(int port, Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        EmbeddedKafkaBroker b = new EmbeddedKafkaBroker(port, dataDir, false, Map.of(), null);
        b.start();
        return b;
    }

    private void start() throws IOException {
        int controllerPort = freePort();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDir.resolve("log").toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "2");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "2");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("transaction.max.timeout.ms", Long.toString(MAX_TRANSACTION_TIMEOUT_MS));
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "2");
        props.put("log.cleaner.backoff.ms", "1000");
        // Record timestamps are event times, and labelled fixtures carry dates in the past and the future: Kafka 4
        // rejects timestamps more than an hour ahead of the broker clock unless told otherwise.
        props.put("log.message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE));
        props.put("log.message.timestamp.before.max.ms", Long.toString(Long.MAX_VALUE));
        if (scramUser != null) {
            saslPort = freePort();
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort
                    + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + ",SASL_PLAINTEXT://127.0.0.1:"
                    + saslPort);
            props.put("listener.security.protocol.map",
                    "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
            props.put("listener.name.sasl_plaintext.sasl.enabled.mechanisms", SCRAM_MECHANISM);
            props.put("listener.name.sasl_plaintext." + SCRAM_MECHANISM.toLowerCase(java.util.Locale.ROOT)
                    + ".sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
        props.putAll(overrides);
        Path config = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "tollgate embedded broker");
        }
        if (!Files.exists(dataDir.resolve("log").resolve("meta.properties"))) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("format", "-t",
                    Uuid.randomUuid().toString(), "-c", config.toString()));
            if (scramUser != null) {
                args.add("--add-scram");
                args.add(SCRAM_MECHANISM + "=[name=" + scramUser[0] + ",password=" + scramUser[1] + "]");
            }
            int rc = StorageTool.execute(args.toArray(String[]::new), new PrintStream(log, true,
                    StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("formatting the Kafka log directory failed: " + log);
            }
        }
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
    }

    /** The client listener: plaintext, or SASL/SCRAM for a broker of {@link #startWithScram}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + (scramUser != null ? saslPort : port);
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
        if (deleteOnClose) {
            try (Stream<Path> walk = Files.walk(dataDir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A port nothing listens on now (for a broker, a cluster's ports). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
