package dev.tollgate.console.auth;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** bcrypt password hashes (cost 12), through Spring Security's encoder. */
public final class Passwords {
    public static final int MIN_LENGTH = 12;
    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(12);
    /** Compared against when the user does not exist, so that a login takes as long either way. */
    private static final String DUMMY = BCRYPT.encode("no such user, but as slow as one");

    private Passwords() {
    }

    public static String hash(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a password must have at least " + MIN_LENGTH + " characters");
        }
        return BCRYPT.encode(password);
    }

    /** Whether {@code password} matches {@code hash}; a {@code null} hash (no such user) never matches. */
    public static boolean matches(String password, String hash) {
        if (password == null) {
            return false;
        }
        if (hash == null) {
            BCRYPT.matches(password, DUMMY);
            return false;
        }
        return BCRYPT.matches(password, hash);
    }
}
