package dev.tollgate.jobs.options;

import dev.tollgate.detectors.signing.SigningKeys;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Where the keys that sign decisions and control records come from: a file, else the environment. */
public final class SigningKeyOption {
    @Option(names = "--signing-key-file", paramLabel = "FILE",
            description = "Keys that sign analysts' decisions and control records (HMAC-SHA256): one secret of at "
                    + "least 32 characters per line, the first signs, all verify. Default: the "
                    + SigningKeys.ENVIRONMENT_VARIABLE + " environment variable. Without either, every decision "
                    + "and control record is dead-lettered as unauthenticated.")
    public Path file;

    /**
     * The keys of a command that cannot work without them, or {@code null} after saying so on {@code err}.
     *
     * @param why what the key is needed for, as a clause ("the job applies only signed changes")
     */
    public SigningKeys required(String who, java.io.PrintWriter err, String why) {
        SigningKeys keys = keys();
        if (keys == null) {
            err.println(who + ": no signing key (--signing-key-file or " + SigningKeys.ENVIRONMENT_VARIABLE + "): "
                    + why);
        }
        return keys;
    }

    /** The keys of the job, said on start-up by id (never the secret), or a warning that there are none. */
    public SigningKeys forJob(String who, java.io.PrintWriter err) {
        SigningKeys keys = keys();
        if (keys == null) {
            err.println(who + ": warning: no signing key (--signing-key-file or " + SigningKeys.ENVIRONMENT_VARIABLE
                    + "): every decision and control record will be dead-lettered as unauthenticated");
        } else {
            err.println(who + ": decisions and control records must be signed (" + keys + ")");
        }
        return keys;
    }

    /** The keys, or {@code null} when none are configured. */
    public SigningKeys keys() {
        try {
            return SigningKeys.fromFileOrEnvironment(file, System.getenv());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key file " + file + ": " + e.getMessage(), e);
        }
    }
}
