package dev.tollgate.console.store;

import java.util.List;
import java.util.Map;

/** One page of the queue, how many orders match in all, and per reason code how many of those carry it. */
public record QueuePage(List<QueueRow> rows, int total, int page, int pageSize, Map<String, Integer> reasonCounts) {
    public int pages() {
        return Math.max(1, (total + pageSize - 1) / pageSize);
    }
}
