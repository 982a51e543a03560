package io.bulwark.store.serialization;

import io.bulwark.events.EventRevision;
import org.axonframework.serialization.RevisionResolver;

/**
 * Reads the payload revision from our own {@link EventRevision} annotation, so that the
 * {@code events} module does not depend on Axon's {@code @Revision}. Types without the annotation
 * (Axon's own messages, tokens) have no revision ({@code null}). Stateless and thread-safe.
 */
public final class EventRevisionResolver implements RevisionResolver {

    @Override
    public String revisionOf(Class<?> payloadType) {
        EventRevision revision = payloadType.getAnnotation(EventRevision.class);
        return revision == null ? null : revision.value();
    }
}
