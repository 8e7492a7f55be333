package dev.tollgate.detectors.signing;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secrets that sign analysts' decisions and live control records (HMAC-SHA256). The first key signs; every key
 * verifies, so a key is rotated by putting the new one first and dropping the old one once nothing signed with it is
 * left to read. A key is named by an id derived from it (the first 8 hex digits of its SHA-256), never by itself.
 *
 * <p>Keys come from a file (one secret per line, {@code #} comments, at least {@value #MIN_SECRET_LENGTH}
 * characters each) or from the environment variable {@value #ENVIRONMENT_VARIABLE}. {@link #toString} never shows a
 * secret.
 */
public final class SigningKeys implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String ENVIRONMENT_VARIABLE = "TOLLGATE_SIGNING_KEY";
    public static final int MIN_SECRET_LENGTH = 32;

    private final LinkedHashMap<String, byte[]> byId;

    private SigningKeys(LinkedHashMap<String, byte[]> byId) {
        if (byId.isEmpty()) {
            throw new IllegalArgumentException("no signing key given");
        }
        this.byId = byId;
    }

    /** Keys from secrets, the first of which signs. */
    public static SigningKeys of(List<String> secrets) {
        LinkedHashMap<String, byte[]> keys = new LinkedHashMap<>();
        for (String s : secrets) {
            if (s.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("a signing key must have at least " + MIN_SECRET_LENGTH
                        + " characters (this one has " + s.length() + "); make one with `openssl rand -base64 32`");
            }
            byte[] secret = s.getBytes(StandardCharsets.UTF_8);
            keys.putIfAbsent(idOf(secret), secret);
        }
        return new SigningKeys(keys);
    }

    /** The keys of a key file: one secret per line; blank lines and {@code #} comments are skipped. */
    public static SigningKeys fromFile(Path file) throws IOException {
        return of(secretLines(file, "signing key"));
    }

    /**
     * The secrets of a key file, one per line, blank lines and {@code #} comments skipped.
     *
     * @throws IllegalArgumentException when it holds none, naming it as a file of {@code what}
     */
    static List<String> secretLines(Path file, String what) throws IOException {
        List<String> secrets = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                secrets.add(s);
            }
        }
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException(what + " file " + file + " holds no key");
        }
        return secrets;
    }

    /**
     * The keys of {@code file} when given, else of {@value #ENVIRONMENT_VARIABLE} (several separated by commas), else
     * {@code null}.
     */
    public static SigningKeys fromFileOrEnvironment(Path file, Map<String, String> environment) throws IOException {
        if (file != null) {
            return fromFile(file);
        }
        String env = environment.get(ENVIRONMENT_VARIABLE);
        if (env == null || env.isBlank()) {
            return null;
        }
        List<String> secrets = new ArrayList<>();
        for (String s : env.split(",")) {
            if (!s.isBlank()) {
                secrets.add(s.strip());
            }
        }
        return of(secrets);
    }

    /** The id of the key that signs. */
    public String signingKeyId() {
        return byId.keySet().iterator().next();
    }

    byte[] signingSecret() {
        return byId.values().iterator().next();
    }

    /** The secret with this id, or {@code null}. */
    byte[] secret(String id) {
        return byId.get(id);
    }

    static String idOf(byte[] secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "SigningKeys" + byId.keySet();
    }
}
