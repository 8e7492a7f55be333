package dev.tollgate.console.store;

import dev.tollgate.console.web.LabelExport;
import dev.tollgate.detectors.verdict.Decision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.tollgate.console.store.StoreFixtures.click;
import static dev.tollgate.console.store.StoreFixtures.order;
import static dev.tollgate.console.store.StoreFixtures.reason;
import static dev.tollgate.console.store.StoreFixtures.session;
import static dev.tollgate.console.store.StoreFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;

class ConsoleStoreTest {
    @TempDir
    Path dir;
    private ConsoleStore store;

    @BeforeEach
    void open() {
        store = ConsoleStore.inDirectory(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void seed() {
        store.ingest(List.of(), List.of(
                click("c1", "pub-a", "d1", "2026-11-01T10:00:00Z"),
                click("c2", "pub-b", "d2", "2026-11-02T10:00:00Z"),
                click("c3", "pub-a", "d3", "2026-11-03T10:00:00Z"),
                session("c1", "tab switched", "2026-11-01T10:05:00Z"),
                order("o1", "c1", "created", "2026-11-01T10:10:00Z", "30.00"),
                order("o2", "c2", "created", "2026-11-02T10:10:00Z", "90.00"),
                order("o3", "c3", "created", "2026-11-01T10:10:00Z", "50.00")), Map.of("clicks", Map.of(0, 3L)));
        store.ingest(List.of(
                verdict("o1", 1, Decision.REVIEW, false, "2026-11-01T10:10:00Z", null,
                        reason("SESSION_INTERRUPTED", "review", "{\"kind\":\"tab_switched\"}")),
                verdict("o2", 1, Decision.REVIEW, true, "2026-11-02T10:10:00Z", null,
                        reason("DEVICE_SWITCH", "review", "{}"), reason("COMMISSION_CAPPED", "info", "{}")),
                verdict("o3", 1, Decision.REVIEW, false, "2026-11-01T10:10:00Z", null,
                        reason("DEVICE_SWITCH", "review", "{}")),
                verdict("o3", 2, Decision.EXCLUDE, true, "2026-11-05T10:10:00Z", null,
                        reason("DEVICE_SWITCH", "exclude", "{}"))), List.of(), Map.of("verdicts", Map.of(1, 4L)));
    }

    @Test
    void theHeldQueueIsOldestThenLargestFirstWithCountsPerReason() {
        seed();
        QueuePage q = store.queue(QueueFilter.HELD, 0, 10);
        // o3 left the queue when its newest version excluded it; a final REVIEW still waits for an analyst
        assertThat(q.rows()).extracting(QueueRow::orderId).containsExactly("o1", "o2");
        assertThat(q.total()).isEqualTo(2);
        // informational reasons are not why an order is held: neither counted nor listed
        assertThat(q.reasonCounts()).containsExactly(Map.entry("DEVICE_SWITCH", 1), Map.entry("SESSION_INTERRUPTED", 1));
        assertThat(q.rows().get(1).codes()).containsExactly("DEVICE_SWITCH");
        assertThat(q.rows().get(0).publisherId()).isEqualTo("pub-a");
        assertThat(q.rows().get(0).amount()).isEqualByComparingTo("30.00");

        QueuePage largest = store.queue(new QueueFilter("held", null, null, null, null, null, "largest"), 0, 10);
        assertThat(largest.rows()).extracting(QueueRow::orderId).containsExactly("o2", "o1");
    }

    @Test
    void filtersNarrowByStatusProgramReasonPublisherAndDateAndPagesSplitTheResult() {
        seed();
        assertThat(ids(new QueueFilter("all", null, null, "pub-a", null, null, null))).containsExactly("o1", "o3");
        assertThat(ids(new QueueFilter("all", null, "DEVICE_SWITCH", null, null, null, null)))
                .containsExactly("o2", "o3");
        assertThat(ids(new QueueFilter("EXCLUDE", null, null, null, null, null, null))).containsExactly("o3");
        assertThat(ids(new QueueFilter("all", "alibaba-awin", null, null, null, null, null))).isEmpty();
        assertThat(ids(new QueueFilter("all", null, null, null, Instant.parse("2026-11-02T00:00:00Z"),
                Instant.parse("2026-11-03T00:00:00Z"), null))).containsExactly("o2");
        QueuePage second = store.queue(new QueueFilter("all", null, null, null, null, null, null), 1, 2);
        assertThat(second.rows()).extracting(QueueRow::orderId).containsExactly("o3");
        assertThat(second.pages()).isEqualTo(2);
    }

    private List<String> ids(QueueFilter f) {
        return store.queue(f, 0, 50).rows().stream().map(QueueRow::orderId).toList();
    }

    @Test
    void anOrderHasItsHistoryTimelineAndRelatedOrders() {
        seed();
        assertThat(store.history("o3")).extracting(VerdictRow::version).containsExactly(1, 2);
        assertThat(store.timeline("o1")).extracting(InputRow::kind).containsExactly("click", "session", "order");
        assertThat(store.facts("o1")).get().satisfies(f -> {
            assertThat(f.publisherId()).isEqualTo("pub-a");
            assertThat(f.clickId()).isEqualTo("c1");
        });
        assertThat(store.related("o1", true, 10)).extracting(QueueRow::orderId).containsExactly("o3");
        assertThat(store.related("o1", false, 10)).isEmpty();
    }

    @Test
    void rereadingABatchChangesNothingAndOffsetsAreKeptWithTheRows() {
        seed();
        seed();
        assertThat(store.history("o3")).hasSize(2);
        assertThat(store.timeline("o1")).hasSize(3);
        assertThat(store.offsets()).containsEntry("clicks", Map.of(0, 3L)).containsEntry("verdicts", Map.of(1, 4L));
    }

    @Test
    void anOlderVersionReadLateDoesNotReplaceTheNewest() {
        seed();
        store.ingest(List.of(verdict("o3", 1, Decision.REVIEW, false, "2026-11-01T10:10:00Z", null)), List.of(),
                Map.of());
        assertThat(ids(new QueueFilter("EXCLUDE", null, null, null, null, null, null))).containsExactly("o3");
    }

    @Test
    void aReopenedExclusionIsHeldUntilAnAnalystDecisionComesBack() {
        seed();
        assertThat(store.reopen("o3", "lena", Instant.now())).isTrue();
        assertThat(store.reopen("o3", "lena", Instant.now())).isFalse();
        assertThat(store.queue(QueueFilter.HELD, 0, 10).rows()).extracting(QueueRow::orderId).contains("o3");
        store.ingest(List.of(verdict("o3", 3, Decision.CREDIT, true, "2026-11-06T10:00:00Z", "maria")), List.of(),
                Map.of());
        assertThat(store.queue(QueueFilter.HELD, 0, 10).rows()).extracting(QueueRow::orderId).doesNotContain("o3");
    }

    @Test
    void aDecisionKeyIsUsedOnceAndUnsentDecisionsAreFound() {
        seed();
        DecisionRow first = new DecisionRow("key-0123456789abcdefghij", "o1", "CREDIT", "maria", "fine",
                Instant.parse("2026-11-03T00:00:00Z"), false, "{\"orderId\":\"o1\"}", false);
        assertThat(store.recordDecision(first)).isEqualTo(first);
        DecisionRow again = new DecisionRow(first.key(), "o1", "EXCLUDE", "maria", "changed my mind",
                Instant.parse("2026-11-03T00:00:01Z"), false, "{}", false);
        assertThat(store.recordDecision(again)).isEqualTo(first);
        assertThat(store.unsentDecisions()).containsExactly(first);
        store.markSent(first.key());
        assertThat(store.unsentDecisions()).isEmpty();
        assertThat(store.decisionsOf("o1")).singleElement().satisfies(d -> assertThat(d.sent()).isTrue());
    }

    @Test
    void analystDecisionsExportAsLabelledFixtureLines() throws Exception {
        seed();
        store.ingest(List.of(verdict("o2", 2, Decision.EXCLUDE, true, "2026-11-04T10:00:00Z", "maria",
                reason("DEVICE_SWITCH", "review", "{}"), reason("COMMISSION_CAPPED", "info", "{}"))), List.of(),
                Map.of());
        StringWriter out = new StringWriter();
        assertThat(store.exportLabels(out, LabelExport::label)).isEqualTo(1);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"type\":\"click\"").doesNotContain("label");
        assertThat(lines.get(1)).contains("\"orderId\":\"o2\"",
                "\"label\":{\"decision\":\"EXCLUDE\",\"reasons\":[\"DEVICE_SWITCH\"]}");
    }

    @Test
    void sessionsExpireAndAreDeleted() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        store.putSession("h1", new ConsoleStore.LoginSession("maria", "csrf", now.plusSeconds(60)));
        assertThat(store.session("h1", now)).isPresent();
        assertThat(store.session("h1", now.plusSeconds(61))).isEmpty();
        store.deleteSession("h1");
        assertThat(store.session("h1", now)).isEmpty();
    }

    @Test
    void evidenceOlderThanTheRetentionIsPrunedAndVerdictsAreKept() {
        seed();
        assertThat(store.pruneEventsBefore(Instant.parse("2026-11-02T00:00:00Z"))).isEqualTo(4);
        assertThat(store.timeline("o1")).isEmpty();
        assertThat(store.timeline("o2")).hasSize(2);
        assertThat(store.history("o1")).hasSize(1);
    }

    @Test
    void theStoreSurvivesAReopen() {
        seed();
        store.close();
        store = ConsoleStore.inDirectory(dir);
        assertThat(store.history("o3")).hasSize(2);
        assertThat(store.offsets()).containsKey("verdicts");
    }
}
