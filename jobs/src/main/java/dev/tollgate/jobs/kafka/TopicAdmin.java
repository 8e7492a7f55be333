package dev.tollgate.jobs.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Creates Tollgate's topics when missing: event inputs with {@link TopicNames#INPUT_PARTITIONS} partitions, the
 * verdict topic compacted (the ledger reads the newest verdict per order) with {@link TopicNames#VERDICT_PARTITIONS},
 * decisions and dead letters with one partition each.
 */
public final class TopicAdmin {
    private TopicAdmin() {
    }

    /**
     * Waits until every partition of new topics has a leader: a producer writing to a partition whose leader is still
     * being elected gets NOT_LEADER_OR_FOLLOWER and, idempotent, can end in out-of-order sequence errors.
     */
    private static void awaitLeaders(Admin admin, List<String> names) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (true) {
            boolean ready = admin.describeTopics(names).allTopicNames().get().values().stream()
                    .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
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
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> wanted = new ArrayList<>();
            for (String t : List.of(topics.clicks(), topics.orders(), topics.sessions(), topics.aliexpressOrders(),
                    topics.awinOrders())) {
                wanted.add(new NewTopic(t, TopicNames.INPUT_PARTITIONS, (short) 1));
            }
            wanted.add(new NewTopic(topics.decisions(), TopicNames.DECISION_PARTITIONS, (short) 1));
            wanted.add(new NewTopic(topics.control(), 1, (short) 1));
            wanted.add(new NewTopic(topics.dlq(), TopicNames.DLQ_PARTITIONS, (short) 1));
            wanted.add(new NewTopic(topics.verdicts(), TopicNames.VERDICT_PARTITIONS, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")));
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
