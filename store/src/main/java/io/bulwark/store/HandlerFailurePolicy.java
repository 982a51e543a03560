package io.bulwark.store;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;

/**
 * What an event handler's failure does: it propagates, so the unit of work rolls back and the
 * processor does not advance its token. A tracking processor then releases its segment and tries
 * the same events again with back-off (Axon: 1 s, doubling up to 60 s) until the handler succeeds.
 *
 * <p>Axon's default is the opposite: {@code LoggingErrorHandler} logs the exception and moves on,
 * so a projection whose write timed out (ClusterIT once saw the queue view miss an event this way)
 * silently skips that event for good. Projections here are rebuilt by replay and must come out
 * identical, so an event may be handled twice but never zero times (ADR 0033). A handler that can
 * never succeed (a poison event) stops its processor, visibly, in the log and on the processor's
 * status, instead of leaving a wrong read model.
 *
 * <p>Subscribing processors get the same policy: the failure reaches whoever published the event
 * (a command's unit of work rolls back). Handlers that must not fail their publisher catch their
 * own exceptions (e.g. the console's certificate activation).
 */
public final class HandlerFailurePolicy {

    private HandlerFailurePolicy() {
    }

    /** The listener invocation error handler every processor uses unless its group sets its own. */
    public static ListenerInvocationErrorHandler handler() {
        return PropagatingErrorHandler.instance();
    }

    /** Makes {@link #handler()} the default of a configuration (Spring's or a test's own). */
    public static EventProcessingConfigurer retryNeverSkip(EventProcessingConfigurer processing) {
        return processing.registerDefaultListenerInvocationErrorHandler(axon -> handler());
    }
}
