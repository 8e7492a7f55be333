package dev.tollgate.tools.cli;

import dev.tollgate.console.ReviewConsole;
import dev.tollgate.console.auth.Passwords;
import dev.tollgate.console.auth.Role;
import dev.tollgate.console.auth.UserDirectory;
import dev.tollgate.console.ingest.ConsoleTopics;
import dev.tollgate.console.web.ConsoleServer;
import dev.tollgate.detectors.parse.InputType;
import dev.tollgate.detectors.policy.TollgateConfig;
import dev.tollgate.detectors.signing.SigningKeys;
import dev.tollgate.jobs.kafka.TopicNames;
import dev.tollgate.jobs.options.ConfigOption;
import dev.tollgate.jobs.options.KafkaOptions;
import dev.tollgate.jobs.options.SigningKeyOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code tollgate console}: the analysts' review console ({@code tollgate console-user} gives someone access). */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Serves the review console: the held-order queue, each order's evidence and verdict history, "
                + "and signed decisions sent to the decisions topic. Its database (H2) is fed from the verdict and "
                + "input topics (read_committed) and catches up on start.")
public final class ConsoleCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Mixin
    ConfigOption config;

    @Mixin
    SigningKeyOption signing;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}); put a TLS proxy in front for others.")
    String host;

    @Option(names = "--data", defaultValue = "${user.home}/.tollgate/console", paramLabel = "DIR",
            description = "The console's database directory (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--users", paramLabel = "FILE",
            description = "Users file (bcrypt hashes; default: DIR/users.yaml). Add users with `tollgate console-user`.")
    Path usersFile;

    @Option(names = "--evidence-retention", defaultValue = "400d", paramLabel = "DURATION",
            converter = KafkaOptions.DurationConverter.class,
            description = "Input events (the evidence timelines) older than this are deleted from the console's "
                    + "database, hourly (default: ${DEFAULT-VALUE}, beyond the job's reviewHold); verdicts, decisions "
                    + "and the audit log are kept.")
    Duration evidenceRetention;

    @Option(names = "--secure-cookies", description = "Mark session cookies Secure (the console is served over "
            + "TLS, e.g. behind a proxy).")
    boolean secureCookies;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        SigningKeys keys = signing.required("tollgate console", err,
                "the job accepts only decisions signed with its key");
        if (keys == null) {
            return 2;
        }
        Path users = usersFile != null ? usersFile : data.resolve("users.yaml");
        UserDirectory directory = UserDirectory.load(users);
        if (directory.size() == 0) {
            err.println("tollgate console: no users in " + users + "; add one with `bin/tollgate console-user "
                    + "--users " + users + " --name NAME --role analyst`");
            return 2;
        }
        TollgateConfig cfg = config.load();
        ConsoleServer.Settings settings = new ConsoleServer.Settings(host, port, Duration.ofHours(8), secureCookies,
                5, Duration.ofMinutes(15));
        ReviewConsole console = new ReviewConsole(kafka.client(), topics(kafka.topics()), data, directory, keys,
                cfg.settings().parserSettings(), settings, evidenceRetention);
        int served = console.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                console.close();
            } catch (Exception e) {
                // shutting down
            }
            stopped.countDown();
        }, "tollgate-console-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("tollgate console: http://" + host + ":" + served + "/ (" + directory.size() + " users, data in "
                + data + ", signing " + keys + "); stop with Ctrl-C");
        out.flush();
        stopped.await();
        return 0;
    }

    /** The console's view of Tollgate's topics: verdicts, decisions, and the event inputs it keeps evidence from. */
    public static ConsoleTopics topics(TopicNames names) {
        Map<String, InputType> evidence = new LinkedHashMap<>();
        for (InputType t : EnumSet.of(InputType.CLICK, InputType.ORDER, InputType.SESSION, InputType.ALIEXPRESS_ORDER,
                InputType.AWIN_TRANSACTION)) {
            evidence.put(names.forType(t), t);
        }
        return new ConsoleTopics(names.verdicts(), names.decisions(), evidence);
    }

    /** {@code tollgate console-user}: adds or replaces a user; the password is read from the terminal or stdin. */
    @Command(name = "console-user", mixinStandardHelpOptions = true,
            description = "Adds a user to the console's users file (or replaces one of that name). The password "
                    + "is read from the terminal, or from standard input's first line when piped; only its bcrypt "
                    + "hash is written.")
    public static final class AddUser implements Callable<Integer> {
        @Option(names = "--users", required = true, paramLabel = "FILE", description = "Users file to write.")
        Path users;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "User name (a-z, 0-9, . _ -).")
        String name;

        @Option(names = "--role", required = true, paramLabel = "viewer|analyst|lead",
                description = "viewer: reads; analyst: also decides and reopens; lead: also reverses final "
                        + "verdicts and reads the audit log.")
        String role;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            String password;
            if (System.console() != null) {
                char[] a = System.console().readPassword("Password for %s (at least %d characters): ", name,
                        Passwords.MIN_LENGTH);
                char[] b = System.console().readPassword("Again: ");
                if (a == null || b == null || !java.util.Arrays.equals(a, b)) {
                    err.println("tollgate console-user: the passwords differ");
                    return 2;
                }
                password = new String(a);
            } else {
                password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
            try {
                UserDirectory.addUser(users, name, Role.parse(role), password);
            } catch (IllegalArgumentException e) {
                err.println("tollgate console-user: " + e.getMessage());
                return 2;
            }
            spec.commandLine().getOut().println("tollgate console-user: " + name + " (" + role + ") written to "
                    + users);
            return 0;
        }
    }
}
