package io.bulwark.admin.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Slows password guessing: failed logins are counted per source address and per username; after
 * {@code freeFailures} a key must wait {@code baseDelay}, doubling with every further failure up to
 * {@code maxDelay}, and after {@code lockoutAfter} failures it is locked for {@code lockout}. A
 * success clears the username's and the address's count. Attempts while a key waits are refused
 * before the password is checked (429 on the API) and do not extend the wait, so an attacker
 * cannot keep a real admin locked out longer than {@code lockout} by trying harder.
 *
 * <p>State is in memory, per admin node, bounded to {@value #MAX_KEYS} keys (expired ones are
 * dropped first): a restart forgets it, which is acceptable for a brake. Thread-safe.
 */
public class LoginThrottle {

    static final int MAX_KEYS = 20_000;

    private final int freeFailures;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final int lockoutAfter;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private volatile BiConsumer<String, String> refusalListener = (address, username) -> { };
    private volatile LockoutListener lockoutListener = (username, address, failures, until) -> { };

    /** Told when a lock starts: the failure that reached {@code lockoutAfter}. */
    @FunctionalInterface
    public interface LockoutListener {
        /**
         * @param username the locked account, or null when the lock is on the address
         * @param address  the address of the failure (the locked one, for an address lock)
         */
        void locked(String username, String address, int failures, Instant until);
    }

    private record State(int failures, Instant blockedUntil) {
    }

    public LoginThrottle(int freeFailures, Duration baseDelay, Duration maxDelay, int lockoutAfter, Duration lockout,
            Clock clock) {
        this.freeFailures = freeFailures;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.lockoutAfter = lockoutAfter;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** How long the address or the username must still wait, if at all. */
    public Optional<Duration> retryAfter(String address, String username) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : keys(address, username)) {
            State state = key == null ? null : states.get(key);
            if (state != null && state.blockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, state.blockedUntil());
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** Who is told of refused attempts ({@link LoginAuditor} records them); replaces the previous one. */
    public void onRefusal(BiConsumer<String, String> listener) {
        refusalListener = listener;
    }

    /**
     * An attempt the filters refused because {@link #retryAfter} asked it to wait: tells the
     * listener, with the username as typed. Does not count as a failure nor extend the wait.
     */
    public void refused(String address, String username) {
        refusalListener.accept(address, username);
    }

    /** Who is told when a lock starts ({@link LoginAuditor} records it); replaces the previous one. */
    public void onLockout(LockoutListener listener) {
        lockoutListener = listener;
    }

    /** Counts a failed attempt; {@code username} null when it names no account (counted by address only). */
    public void failed(String address, String username) {
        Instant now = clock.instant();
        if (states.size() > MAX_KEYS) {
            states.values().removeIf(state -> !state.blockedUntil().isAfter(now.minus(lockout)));
        }
        String[] keys = keys(address, username);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                State state = states.compute(keys[i], (k, old) -> next(old == null ? 0 : old.failures(), now));
                if (state.failures() == lockoutAfter) {
                    lockoutListener.locked(i == 0 ? null : username, address, state.failures(), state.blockedUntil());
                }
            }
        }
    }

    /** Clears the counts of a successful login. */
    public void succeeded(String address, String username) {
        for (String key : keys(address, username)) {
            if (key != null) {
                states.remove(key);
            }
        }
    }

    private State next(int previousFailures, Instant now) {
        int failures = previousFailures + 1;
        if (failures >= lockoutAfter) {
            return new State(failures, now.plus(lockout));
        }
        if (failures <= freeFailures) {
            return new State(failures, now);
        }
        int doublings = Math.min(failures - freeFailures - 1, 30);
        Duration delay = baseDelay.multipliedBy(1L << doublings);
        return new State(failures, now.plus(delay.compareTo(maxDelay) > 0 ? maxDelay : delay));
    }

    private static String[] keys(String address, String username) {
        return new String[] {address == null ? null : "address:" + address,
                username == null ? null : "user:" + username.toLowerCase(java.util.Locale.ROOT)};
    }
}
