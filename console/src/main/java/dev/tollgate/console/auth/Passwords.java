package dev.tollgate.console.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;

/** bcrypt password hashes (cost 12), through the at.favre.lib bcrypt library. */
public final class Passwords {
    public static final int MIN_LENGTH = 12;
    /** bcrypt reads at most 72 bytes; a longer password would be cut silently, so it is refused. */
    public static final int MAX_BYTES = 72;
    private static final int COST = 12;
    /** Compared against when the user does not exist, so that a login takes as long either way. */
    private static final String DUMMY = BCrypt.withDefaults().hashToString(COST,
            "no such user, but as slow as one".toCharArray());

    private Passwords() {
    }

    public static String hash(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a password must have at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("a password may have at most " + MAX_BYTES + " bytes (bcrypt's limit)");
        }
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    /** Whether {@code password} matches {@code hash}; a {@code null} hash (no such user) never matches. */
    public static boolean matches(String password, String hash) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        if (hash == null) {
            BCrypt.verifyer().verify(password.toCharArray(), DUMMY);
            return false;
        }
        return BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
    }
}
