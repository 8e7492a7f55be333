package dev.tollgate.tools.chaos;

import dev.tollgate.tools.cluster.FlinkSessionCluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Restarts a TaskManager that exited on its own, as systemd or Kubernetes would restart the process, and records it:
 * Flink shuts a TaskManager down on a fatal error (an out-of-memory error, an exception while a failed task cleans
 * up), and a chaos run must tell those from the kills it made. Kills hold this object's lock; a JobManager restart
 * pauses it.
 */
final class Supervisor implements AutoCloseable {
    private final FlinkSessionCluster cluster;
    private final List<String> restarts = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean paused;

    Supervisor(FlinkSessionCluster cluster) {
        this.cluster = cluster;
        this.thread = new Thread(this::watch, "chaos-supervisor");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void pause(boolean pause) {
        paused = pause;
    }

    synchronized List<String> restarts() {
        return List.copyOf(restarts);
    }

    private void watch() {
        while (running) {
            try {
                Thread.sleep(1000);
                if (paused) {
                    continue;
                }
                synchronized (this) {
                    Map<String, Long> alive = cluster.runningProcesses();
                    for (int i = 1; i <= 2; i++) {
                        if (running && !paused && !alive.containsKey("taskmanager-" + i)) {
                            restarts.add("taskmanager-" + i + " exited at " + Instant.now() + "; restarted");
                            cluster.startTaskManager(i);
                        }
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the cluster is going down or a process is starting: look again in a second
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
    }
}
