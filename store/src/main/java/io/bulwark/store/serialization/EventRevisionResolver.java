package io.bulwark.store.serialization;

import io.bulwark.events.EventRevision;
import java.util.Optional;
import org.axonframework.serialization.RevisionResolver;

/**
 * Reads the payload revision from our own {@link EventRevision} annotation, so that the
 * {@code events} module does not depend on Axon's {@code @Revision}. Types without the annotation
 * (Axon's own messages, tokens) have no revision ({@code null}). The answer is kept per class: the
 * serializer asks for every event it writes or reads, and an annotation read goes through the
 * class's annotation map and a proxy call (0.5 % of the appliance's CPU in the mail-path profile).
 * Thread-safe.
 */
public final class EventRevisionResolver implements RevisionResolver {
    private static final ClassValue<Optional<String>> REVISIONS = new ClassValue<>() {
        @Override
        protected Optional<String> computeValue(Class<?> type) {
            EventRevision revision = type.getAnnotation(EventRevision.class);
            return Optional.ofNullable(revision == null ? null : revision.value());
        }
    };

    @Override
    public String revisionOf(Class<?> payloadType) {
        return REVISIONS.get(payloadType).orElse(null);
    }
}
