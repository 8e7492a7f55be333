package dev.tollgate.console;

import dev.tollgate.console.auth.UserDirectory;
import dev.tollgate.console.ingest.ConsoleTopics;
import dev.tollgate.console.ingest.EvidenceRows;
import dev.tollgate.console.ingest.KafkaIngest;
import dev.tollgate.console.store.ConsoleStore;
import dev.tollgate.console.web.ConsoleServer;
import dev.tollgate.console.web.DecisionDesk;
import dev.tollgate.detectors.parse.EventParser;
import dev.tollgate.detectors.parse.ParserSettings;
import dev.tollgate.detectors.signing.SigningKeys;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The review console as one unit: its store, the Kafka ingestion that feeds it, the desk that sends signed decisions
 * and the web server. {@link #start} resends decisions a crash left unsent, then serves.
 */
public final class ReviewConsole implements AutoCloseable {
    private final ConsoleStore store;
    private final KafkaIngest ingest;
    private final DecisionDesk desk;
    private final ConsoleServer server;
    private final java.time.Duration evidenceRetention;
    private final java.util.concurrent.ScheduledExecutorService pruner =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "console-prune");
                t.setDaemon(true);
                return t;
            });
    private int port;

    /**
     * @param client Kafka client settings: bootstrap servers plus the deployment's TLS/SASL settings
     * @param dataDir where the database lives
     * @param users the users (hashes only)
     * @param keys the key that signs decisions; the job must hold it
     * @param evidenceRetention input events older than this (by event time) are deleted, hourly; verdicts, decisions
     *     and the audit log are kept
     */
    public ReviewConsole(java.util.Map<String, String> client, ConsoleTopics topics, Path dataDir, UserDirectory users, SigningKeys keys,
                         ParserSettings parser, ConsoleServer.Settings settings, java.time.Duration evidenceRetention) {
        this.evidenceRetention = evidenceRetention;
        this.store = ConsoleStore.inDirectory(dataDir);
        this.ingest = new KafkaIngest(client, topics, store, new EvidenceRows(new EventParser(parser)));
        this.desk = new DecisionDesk(client, topics.decisions(), store, keys, Clock.systemUTC());
        this.server = new ConsoleServer(settings, store, users, desk, ingest, Clock.systemUTC());
    }

    /** Starts ingestion and the server; returns the port served. */
    public int start() {
        ingest.start();
        desk.resendUnsent();
        pruner.scheduleWithFixedDelay(() -> store.pruneEventsBefore(java.time.Instant.now().minus(evidenceRetention)),
                0, 1, java.util.concurrent.TimeUnit.HOURS);
        port = server.start();
        return port;
    }

    public int port() {
        return port;
    }

    public KafkaIngest ingest() {
        return ingest;
    }

    public ConsoleStore store() {
        return store;
    }

    @Override
    public void close() throws Exception {
        server.close();
        pruner.shutdownNow();
        ingest.close();
        desk.close();
        store.close();
    }
}
