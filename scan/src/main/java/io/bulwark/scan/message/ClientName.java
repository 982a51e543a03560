package io.bulwark.scan.message;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * The SMTP client's forward-confirmed reverse DNS name (RFC 8601 2.7.3 "iprev": a PTR name of the
 * client's address whose A/AAAA records contain that address), as the envelope carries it.
 *
 * <p>Looked up lazily: the listener hands over a lookup that runs the first time a check asks
 * ({@link #name()}), once per SMTP session, so a message no check asks about costs no DNS query and
 * no wait. The lookup given by the gateway is bounded by the DNS service's timeout and answers
 * empty when the name is not confirmed or the lookup failed; checks that must tell "no name" from
 * "DNS failed" (iprev itself) ask {@code DnsLookup.forwardConfirmedPtr} directly.
 *
 * <p>Thread-safe: checks running in parallel share one lookup; later callers wait for the first.
 * Equality is identity (a pending lookup has no value to compare).
 */
public final class ClientName {
    private static final ClientName UNKNOWN = of(null);

    private final FutureTask<Optional<String>> lookup;

    private ClientName(Supplier<Optional<String>> lookup) {
        this.lookup = new FutureTask<>(lookup::get);
    }

    /** No name: not looked up (no DNS service configured, or a test envelope). */
    public static ClientName unknown() {
        return UNKNOWN;
    }

    /** A name already known to be confirmed, or none when {@code name} is null. */
    public static ClientName of(String name) {
        Optional<String> known = Optional.ofNullable(name);
        return new ClientName(() -> known);
    }

    /**
     * A name found by {@code lookup} when first asked. The lookup must end in bounded time and
     * answer empty rather than throw; an exception counts as "no name".
     */
    public static ClientName lookingUp(Supplier<Optional<String>> lookup) {
        return new ClientName(Objects.requireNonNull(lookup, "lookup"));
    }

    /**
     * The confirmed name, lower case without the trailing dot, or empty when there is none or it
     * could not be found in time. The first call may block for the lookup.
     */
    public Optional<String> name() {
        lookup.run(); // runs once; a no-op when done or running (then get() waits for it)
        try {
            return lookup.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }

    /** Whether the answer is known without waiting. */
    public boolean isDone() {
        return lookup.isDone();
    }

    @Override
    public String toString() {
        // never triggers the lookup
        return lookup.isDone() ? "ClientName[" + name().orElse("none") + "]" : "ClientName[not looked up]";
    }
}
