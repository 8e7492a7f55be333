package dev.tollgate.tools.cli;

import dev.tollgate.tools.kafka.EmbeddedKafkaBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code tollgate broker}: a real single-node Kafka broker (KRaft) on loopback, for the demo and local work. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Runs an Apache Kafka broker (KRaft, broker and controller in one process) on 127.0.0.1 until "
                + "interrupted. Its log stays in the data directory and survives restarts.")
public final class BrokerCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "9092", paramLabel = "PORT", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", defaultValue = "${java.io.tmpdir}/tollgate-broker", paramLabel = "DIR",
            description = "Log directory (default: ${DEFAULT-VALUE}).")
    Path data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.start(port, data);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            spec.commandLine().getErr().println("tollgate broker: cannot start on 127.0.0.1:" + port + ": "
                    + root.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "tollgate-broker-shutdown"));
        spec.commandLine().getOut().println("tollgate broker: listening on " + broker.bootstrapServers()
                + " (data in " + data + "); stop with Ctrl-C");
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
