package io.bulwark.admin.support;

import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * How the administration services wait for the command and query buses and for their tracking
 * projections: a bounded wait for an answer (a refusal is rethrown as itself, so the API can map it
 * to 400/404/409; no answer becomes {@link BackendUnavailableException}, the API's 503), and a bounded
 * wait for a list to show a writer's own change. Stateless.
 */
public final class BusCalls {
    /** Longest wait for a command's or query's answer. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How long a writer waits for the list to show its change. */
    public static final Duration VISIBLE_WAIT = Duration.ofSeconds(5);

    private BusCalls() {
    }

    /**
     * The answer, or the refusal rethrown.
     *
     * @param what what is unavailable when there is no answer, e.g. "Certificates"
     */
    public static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException(what + " are unavailable: interrupted while waiting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NoHandlerForCommandException || e.getCause() instanceof NoHandlerForQueryException) {
                // nothing on the bus handles it (yet): a node still starting, a lost connection
                throw new BackendUnavailableException(what + " are unavailable: " + e.getCause().getMessage(), e);
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new BackendUnavailableException(what + " are unavailable: " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new BackendUnavailableException(what + " are unavailable: no answer in " + TIMEOUT, e);
        }
    }

    /**
     * Waits until {@code done} holds or {@link #VISIBLE_WAIT} passes: a tracking projection is a
     * moment behind the command, and a writer should read its own change.
     */
    public static void awaitVisible(BooleanSupplier done) {
        long deadline = System.nanoTime() + VISIBLE_WAIT.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
