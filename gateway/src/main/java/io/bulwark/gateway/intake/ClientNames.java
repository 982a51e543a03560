package io.bulwark.gateway.intake;

import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsResult;
import io.bulwark.scan.message.ClientName;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's forward-confirmed reverse DNS name (RFC 8601 2.7.3) for the envelope, through the
 * node's shared {@link DnsLookup}.
 *
 * <p>Costs nothing until a check asks: {@link #of} returns a lazy {@link ClientName}, one per SMTP
 * session (so several messages in a session share one lookup). When asked, the whole lookup (the
 * PTR question and the forward questions confirming its names) is bounded by {@code bound}, the
 * DNS service's timeout; a name not confirmed, a temporary failure or running out of time all give
 * "no name", never an error or a longer wait.
 *
 * <p>Thread-safe; shared by all sessions.
 */
public final class ClientNames {
    private static final Logger log = LoggerFactory.getLogger(ClientNames.class);
    private static final Executor VIRTUAL = task -> Thread.ofVirtual().name("bulwark-rdns").start(task);

    private final DnsLookup dns;
    private final Duration bound;

    public ClientNames(DnsLookup dns, Duration bound) {
        this.dns = dns;
        this.bound = bound;
    }

    /** The lazily looked-up name of {@code client}. */
    public ClientName of(InetAddress client) {
        return ClientName.lookingUp(() -> lookUp(client));
    }

    private Optional<String> lookUp(InetAddress client) {
        // on its own thread, so the bound holds even if a forward question is slow after a slow PTR
        CompletableFuture<DnsResult<String>> answer =
                CompletableFuture.supplyAsync(() -> dns.forwardConfirmedPtr(client), VIRTUAL);
        try {
            DnsResult<String> result = answer.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return result.values().stream().findFirst();
        } catch (TimeoutException e) {
            answer.cancel(true);
            log.debug("reverse DNS of {}: no answer within {}", client.getHostAddress(), bound);
        } catch (ExecutionException e) {
            log.debug("reverse DNS of {} failed", client.getHostAddress(), e.getCause());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }
}
