package dev.tollgate.tools.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tollgate} command line (bin/tollgate). */
@Command(name = "tollgate", mixinStandardHelpOptions = true, version = "tollgate 0.1.0",
        description = "Scores cashback and affiliate orders for fraud and program-term violations.",
        subcommands = {ReplayCommand.class, EvaluateCommand.class, SweepCommand.class, FixturesCommand.class,
            RunCommand.class, ClusterCommand.class, DashboardCommand.class,
            LoadCommand.class, VerdictsCommand.class, BrokerCommand.class, ChaosCommand.class, ControlCommand.class, ConsoleCommand.class, ConsoleCommand.AddUser.class, BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class TollgateCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new TollgateCli()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
