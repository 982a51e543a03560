package io.bulwark.admin.support;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * A processor's handler interceptor that tells a write-behind where its batches begin and end: opens
 * it at a batch's first event (with all the batch's events), flushes it after the last one, inside
 * the handler chain and therefore before the processor stores its token, and discards it when the
 * unit of work rolls back (then the batch is handled again, {@code HandlerFailurePolicy}). Outside a
 * batch (a handler called directly, a subscribing processor) it only passes the event on.
 */
public final class BatchBoundaries implements MessageHandlerInterceptor<EventMessage<?>> {

    /** What is written once per batch. Called on the processor's one thread. */
    public interface WriteBehind {
        /** A batch begins; {@code messages} are all its events. */
        void open(List<?> messages);

        /** The batch's last event was handled: write what it changed. */
        void flush();

        /** The batch rolled back: forget what it changed. */
        void discard();
    }

    private final WriteBehind target;

    public BatchBoundaries(WriteBehind target) {
        this.target = target;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch)) {
            return interceptorChain.proceed();
        }
        if (batch.isFirstMessage()) {
            target.open(batch.getMessages());
            unitOfWork.onRollback(u -> target.discard());
        }
        Object result = interceptorChain.proceed();
        if (batch.isLastMessage()) {
            target.flush();
        }
        return result;
    }
}
