package io.bulwark.scan;

import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageView;
import java.util.Optional;

/**
 * What a check sees of one message: the read-only view, the envelope, the results of the checks
 * it declared as dependencies, and the node's shared services (DNS, archive walking, public
 * suffixes), some of them scoped to this message (the DNS query budget).
 *
 * <p>Confined to one check run; the objects it hands out are immutable or thread-safe.
 */
public interface CheckContext {

    /** The message, parsed, with its raw header and body bytes. */
    MessageView message();

    /** The SMTP envelope and client facts. */
    Envelope envelope();

    /**
     * The result of a dependency, complete by the time this check runs (a dependency that timed
     * out or failed has that outcome; an {@linkplain Check#optionalDependencies() optional} one
     * that is not installed is SKIPPED, reason "check NAME is not installed").
     *
     * @throws IllegalArgumentException when {@code check} is not one of {@link Check#dependsOn()}
     */
    CheckResult result(String check);

    /**
     * A shared service.
     *
     * @throws IllegalStateException when the node has no such service (a configuration error,
     *                               reported as FAILED)
     */
    <T> T service(Class<T> type);

    /** A service the check can do without: empty when the node has none (no exception to catch). */
    <T> Optional<T> find(Class<T> type);
}
