package io.bulwark.admin.support;

/**
 * A projection that writes its documents once per processor batch ({@link BatchedDocuments}, or its own
 * write-behind on {@link BatchBoundaries}); its
 * processor must have {@link #documents()} as handler interceptor, which
 * {@link ProjectionProcessors#flushPerBatch} registers.
 */
public interface BatchedProjection {

    /** The projection's write-behind, also the interceptor that flushes it after each batch. */
    org.axonframework.messaging.MessageHandlerInterceptor<org.axonframework.eventhandling.EventMessage<?>> documents();
}
