package dev.tollgate.console.auth;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Login rate limiting: after {@code maxFailures} failed logins for one user name, or {@value #ADDRESS_FACTOR} times
 * as many from one address (an office behind one NAT address shares it), within {@code window}, further attempts are
 * refused until the window has passed since the first failure (a success does not lift a block, so guessing stops
 * either way).
 */
public final class LoginThrottle {
    static final int ADDRESS_FACTOR = 5;
    private final int maxFailures;
    private final Cache<String, AtomicInteger> failures;

    public LoginThrottle(int maxFailures, Duration window, Ticker ticker) {
        this.maxFailures = maxFailures;
        this.failures = CacheBuilder.newBuilder().expireAfterWrite(window).ticker(ticker).maximumSize(100_000).build();
    }

    public LoginThrottle(int maxFailures, Duration window) {
        this(maxFailures, window, Ticker.systemTicker());
    }

    /** Whether a login for {@code user} from {@code address} may be tried now. */
    public boolean allowed(String user, String address) {
        return count("user:" + user) < maxFailures && count("addr:" + address) < maxFailures * ADDRESS_FACTOR;
    }

    public void failed(String user, String address) {
        increment("user:" + user);
        increment("addr:" + address);
    }

    private int count(String key) {
        AtomicInteger n = failures.getIfPresent(key);
        return n == null ? 0 : n.get();
    }

    private void increment(String key) {
        try {
            failures.get(key, AtomicInteger::new).incrementAndGet();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
