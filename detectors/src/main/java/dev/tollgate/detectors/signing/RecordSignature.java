package dev.tollgate.detectors.signing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Signatures of analysts' decisions and live control records, so that only the console (or an operator holding the
 * key) can overrule the detectors or change thresholds, whoever else can write those topics.
 *
 * <p>The signature travels beside the record, in the Kafka header {@value #HEADER}, so the record itself stays
 * exactly as EVENTS.md writes it. Its value is {@code v1:<key id>:<base64url HMAC-SHA256 of the record value's
 * bytes>}: the whole payload is covered (order, decision, analyst, note, time), so neither the analyst nor the ruling
 * can be changed without the key, and a replayed record is the same record (the job ignores a redelivered event).
 */
public final class RecordSignature {
    public static final String HEADER = "tollgate-signature";
    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";

    private RecordSignature() {
    }

    /** Why a record's signature was refused, or that it was accepted. */
    public enum Check {
        VALID("valid"),
        MISSING("no " + HEADER + " header: the record is not signed"),
        MALFORMED("the " + HEADER + " header is not v1:<key id>:<signature>"),
        UNKNOWN_KEY("signed with a key this job does not hold"),
        WRONG("the signature does not match the record (changed, or signed with another key)");

        private final String reason;

        Check(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** The header value that signs {@code value} with the signing key. */
    public static String sign(SigningKeys keys, String value) {
        return VERSION + ":" + keys.signingKeyId() + ":"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(keys.signingSecret(), value));
    }

    /** Checks {@code signature} (the header value, or {@code null}) against {@code value}. */
    public static Check verify(SigningKeys keys, String value, String signature) {
        if (signature == null) {
            return Check.MISSING;
        }
        String[] parts = signature.split(":", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            return Check.MALFORMED;
        }
        byte[] secret = keys.secret(parts[1]);
        if (secret == null) {
            return Check.UNKNOWN_KEY;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return Check.MALFORMED;
        }
        return value != null && MessageDigest.isEqual(given, mac(secret, value)) ? Check.VALID : Check.WRONG;
    }

    private static byte[] mac(byte[] secret, String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
        }
    }
}
