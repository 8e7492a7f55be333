package dev.tollgate.detectors.signing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The secret behind the IP hashes that evidence shows ({@code ipHash}): HMAC-SHA256 of the address under this key, so
 * that whoever reads verdicts can tell two addresses apart but cannot recover one (an unkeyed hash of an IPv4 address
 * falls to brute force over 2^32 candidates in minutes).
 *
 * <p>The secret comes from a file (its first non-blank, non-{@code #} line) or the environment variable
 * {@value #ENVIRONMENT_VARIABLE}, at least {@value SigningKeys#MIN_SECRET_LENGTH} characters. Without one the
 * {@linkplain #DEVELOPMENT development key} is used, which is public (it is in this source) and therefore protects
 * nothing: the commands say so when they start. A key is named by an id derived from it; {@link #toString} never shows
 * the secret. Hashes stay stable for as long as the key does: rotating it changes every {@code ipHash} from then on.
 */
public final class EvidenceKey implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String ENVIRONMENT_VARIABLE = "TOLLGATE_EVIDENCE_KEY";
    private static final String ALGORITHM = "HmacSHA256";
    /** Hex digits of the HMAC that evidence shows: 48 bits, enough to tell a trail's addresses apart. */
    private static final int HASH_BYTES = 6;

    /** The key used when none is configured: public, for laptops and tests only. */
    public static final EvidenceKey DEVELOPMENT =
            new EvidenceKey("tollgate-development-evidence-key-not-secret".getBytes(StandardCharsets.UTF_8), true);

    private final byte[] secret;
    private final boolean development;
    private transient Mac mac;

    private EvidenceKey(byte[] secret, boolean development) {
        this.secret = secret;
        this.development = development;
    }

    public static EvidenceKey of(String secret) {
        if (secret.length() < SigningKeys.MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("an evidence key must have at least " + SigningKeys.MIN_SECRET_LENGTH
                    + " characters (this one has " + secret.length() + "); make one with `openssl rand -base64 32`");
        }
        return new EvidenceKey(secret.getBytes(StandardCharsets.UTF_8), false);
    }

    /**
     * The key of {@code file} when given, else of {@value #ENVIRONMENT_VARIABLE}, else {@link #DEVELOPMENT}.
     */
    public static EvidenceKey fromFileOrEnvironment(Path file, Map<String, String> environment) throws IOException {
        if (file != null) {
            return of(SigningKeys.secretLines(file, "evidence key").get(0));
        }
        String env = environment.get(ENVIRONMENT_VARIABLE);
        return env == null || env.isBlank() ? DEVELOPMENT : of(env.strip());
    }

    /** Whether this is the public development key (no protection). */
    public boolean isDevelopment() {
        return development;
    }

    /** The id of the key: the first 8 hex digits of its secret's SHA-256. */
    public String id() {
        return SigningKeys.idOf(secret);
    }

    /**
     * The keyed hash evidence shows for an address. Not thread-safe: each operator instance holds its own copy (Flink
     * deserialises one per task).
     */
    public String hash(String ip) {
        if (mac == null) {
            try {
                mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(secret, ALGORITHM));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
            }
        }
        byte[] d = mac.doFinal(ip.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d, 0, HASH_BYTES);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvidenceKey k && java.security.MessageDigest.isEqual(secret, k.secret);
    }

    @Override
    public int hashCode() {
        return id().hashCode();
    }

    @Override
    public String toString() {
        return "EvidenceKey[" + (development ? "development, public" : id()) + "]";
    }
}
