package dev.tollgate.jobs.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Creates Tollgate's topics when missing: event inputs with {@link TopicNames#INPUT_PARTITIONS} partitions, the
 * verdict topic compacted (the ledger reads the newest verdict per order) with {@link TopicNames#VERDICT_PARTITIONS},
 * decisions and dead letters with one partition each.
 *
 * <p>Retention. Record timestamps on the input topics are event times (the watermarks come from them), and Kafka's
 * time-based retention counts from the record timestamp, not from when the record arrived: under a broker's default
 * {@code log.retention.hours=168} a backfill of last month's traffic is deleted at the broker's first retention check,
 * before the job reads it. So the input, decision and control topics Tollgate creates keep records by size only
 * ({@code retention.ms=-1}); bound their disk with {@code retention.bytes} or a time retention longer than the oldest
 * event that will ever be loaded. Topics that already exist keep their settings, and {@link #retentionWarnings} names
 * each one whose time retention can delete events by event time.
 *
 * <p>Verdict history. The verdict topic is compacted, and compaction keeps only the newest record per key of the
 * segments it cleans. Kafka rolls a segment, and so lets the cleaner at it, once a record's timestamp is
 * {@code segment.ms} past the segment's first; stamped with their event times, verdicts of a backfill or replay roll
 * as fast as event time moves, and their earlier versions were compacted away seconds after commit: a ledger
 * reading a few seconds late missed versions. The verdict topic is therefore stamped by the broker on arrival
 * ({@code message.timestamp.type=LogAppendTime}) and keeps every version at least {@link #VERDICT_HISTORY}
 * ({@code min.compaction.lag.ms}); after that only the newest version per order is kept.
 */
public final class TopicAdmin {
    /** No time-based deletion: the record timestamps are event times, which may lie long in the past. */
    static final Map<String, String> KEEP_BY_EVENT_TIME = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");

    /** How long every verdict version stays readable before compaction may drop all but an order's newest. */
    public static final Duration VERDICT_HISTORY = Duration.ofDays(7);

    /** The verdict topic's settings: see the class comment, "Verdict history". */
    static final Map<String, String> VERDICT_TOPIC = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
            TopicConfig.CLEANUP_POLICY_COMPACT, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime",
            TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(VERDICT_HISTORY.toMillis()));

    private TopicAdmin() {
    }

    /**
     * One line per existing input topic (events, decisions, control) whose time retention deletes records: an event
     * older than that by its own time is gone at the broker's next retention check; and one if an existing verdict
     * topic may compact versions away before a consumer reads them (see "Verdict history" above). Empty when every
     * input topic keeps records by size only and the verdict topic keeps its history.
     */
    public static List<String> retentionWarnings(String bootstrap, TopicNames topics) {
        return retentionWarnings(KafkaClients.plaintext(bootstrap), topics);
    }

    /** As {@link #retentionWarnings(String, TopicNames)} with the client settings of {@link KafkaClients}. */
    public static List<String> retentionWarnings(java.util.Map<String, String> client, TopicNames topics) {
        String bootstrap = KafkaClients.bootstrap(client);
        Properties p = KafkaClients.properties(client);
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get();
            List<ConfigResource> resources = topics.inputs().stream().filter(existing::contains)
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
            List<String> warnings = new ArrayList<>();
            if (existing.contains(topics.verdicts())) {
                ConfigResource verdicts = new ConfigResource(ConfigResource.Type.TOPIC, topics.verdicts());
                verdictHistoryWarning(topics.verdicts(), admin.describeConfigs(List.of(verdicts)).all().get()
                        .get(verdicts)).ifPresent(warnings::add);
            }
            for (var e : admin.describeConfigs(resources).all().get().entrySet()) {
                var entry = e.getValue().get(TopicConfig.RETENTION_MS_CONFIG);
                long ms = entry == null || entry.value() == null ? -1 : Long.parseLong(entry.value());
                if (ms >= 0) {
                    warnings.add(e.getKey().name() + " deletes records older than " + Duration.ofMillis(ms)
                            + " by their event-time timestamps (retention.ms=" + ms + "): set retention.ms=-1 and "
                            + "bound it with retention.bytes, or load nothing older than that");
                }
            }
            warnings.sort(null);
            return warnings;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read topic settings on " + bootstrap + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Why an existing verdict topic can lose versions a consumer has not read yet, if it can. */
    static Optional<String> verdictHistoryWarning(String topic, Config config) {
        var policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (policy == null || policy.value() == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            return Optional.empty();
        }
        var type = config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
        var lag = config.get(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG);
        long lagMs = lag == null || lag.value() == null ? 0 : Long.parseLong(lag.value());
        boolean appendTime = type != null && "LogAppendTime".equals(type.value());
        if (appendTime && lagMs >= VERDICT_HISTORY.toMillis()) {
            return Optional.empty();
        }
        return Optional.of(topic + " may compact verdict versions away before they are read ("
                + TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG + "=" + (type == null ? "CreateTime" : type.value())
                + ", " + TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG + "=" + lagMs + "): set "
                + TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG + "=LogAppendTime and "
                + TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG + "=" + VERDICT_HISTORY.toMillis());
    }

    /**
     * Waits until every partition of new topics has a leader: a producer writing to a partition whose leader is still
     * being elected gets NOT_LEADER_OR_FOLLOWER and, idempotent, can end in out-of-order sequence errors.
     */
    private static void awaitLeaders(Admin admin, List<String> names) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            boolean ready;
            try {
                ready = admin.describeTopics(names).allTopicNames().get().values().stream()
                        .allMatch(d -> d.partitions().stream()
                                .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                // just created: the broker answering has not caught up with the controller's metadata yet
                ready = false;
            }
            if (ready) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics have no partition leaders after 60 s: " + names);
            }
            Thread.sleep(100);
        }
    }

    public static void ensureTopics(String bootstrap, TopicNames topics) {
        ensureTopics(KafkaClients.plaintext(bootstrap), topics);
    }

    /** As {@link #ensureTopics(String, TopicNames)} with the client settings of {@link KafkaClients}. */
    public static void ensureTopics(java.util.Map<String, String> client, TopicNames topics) {
        String bootstrap = KafkaClients.bootstrap(client);
        Properties p = KafkaClients.properties(client);
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> wanted = new ArrayList<>();
            for (String t : List.of(topics.clicks(), topics.orders(), topics.sessions(), topics.aliexpressOrders(),
                    topics.awinOrders())) {
                wanted.add(new NewTopic(t, TopicNames.INPUT_PARTITIONS, (short) 1).configs(KEEP_BY_EVENT_TIME));
            }
            wanted.add(new NewTopic(topics.decisions(), TopicNames.DECISION_PARTITIONS, (short) 1)
                    .configs(KEEP_BY_EVENT_TIME));
            wanted.add(new NewTopic(topics.control(), 1, (short) 1).configs(KEEP_BY_EVENT_TIME));
            wanted.add(new NewTopic(topics.dlq(), TopicNames.DLQ_PARTITIONS, (short) 1));
            wanted.add(new NewTopic(topics.late(), TopicNames.DLQ_PARTITIONS, (short) 1));
            wanted.add(new NewTopic(topics.verdicts(), TopicNames.VERDICT_PARTITIONS, (short) 1)
                    .configs(VERDICT_TOPIC));
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            for (var created : admin.createTopics(missing).values().values()) {
                try {
                    created.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    // another process (the job, a loader) created it at the same moment: that is what we wanted
                }
            }
            awaitLeaders(admin, wanted.stream().map(NewTopic::name).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics on " + bootstrap + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
    }
}
