package dev.tollgate.tools.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Watches the heap of this JVM through the collectors' notifications: the largest heap in use right after any
 * collection (what survived it: an upper bound of the live data at that moment) and after the last full collection.
 * Heap in use before a collection says nothing about memory a job needs; after one, it does.
 */
public final class HeapWatch implements AutoCloseable, NotificationListener {
    private final Set<String> heapPools;
    private final List<GarbageCollectorMXBean> collectors;
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final AtomicLong peakAfterFullGc = new AtomicLong();
    private final AtomicLong fullCollections = new AtomicLong();

    public HeapWatch() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        collectors = ManagementFactory.getGarbageCollectorMXBeans();
        for (GarbageCollectorMXBean gc : collectors) {
            ((NotificationEmitter) gc).addNotificationListener(this, null, null);
        }
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) n.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
                used += e.getValue().getUsed();
            }
        }
        long after = used;
        peakAfterGc.accumulateAndGet(after, Math::max);
        if (info.getGcAction().contains("major")) {
            fullCollections.incrementAndGet();
            peakAfterFullGc.accumulateAndGet(after, Math::max);
        }
    }

    /** Starts a new measurement: collects first so that nothing of the previous one counts. */
    public void reset() {
        System.gc();
        peakAfterGc.set(0);
        peakAfterFullGc.set(0);
        fullCollections.set(0);
    }

    /** Bytes: the largest heap in use right after a collection since {@link #reset}. */
    public long peakAfterGc() {
        return peakAfterGc.get();
    }

    /** Bytes: the largest heap in use right after a full (major) collection since {@link #reset}; 0 if none. */
    public long peakAfterFullGc() {
        return peakAfterFullGc.get();
    }

    public long fullCollections() {
        return fullCollections.get();
    }

    @Override
    public void close() {
        for (GarbageCollectorMXBean gc : collectors) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(this);
            } catch (javax.management.ListenerNotFoundException ignored) {
                // never registered on this collector
            }
        }
    }
}
