package io.bulwark.store.internal;

import org.axonframework.eventhandling.EventMessage;
import org.bson.BsonDocument;

/**
 * An event serialized and ready to insert, not yet given a global index. Immutable (the document
 * is never modified after preparation; inserts copy it).
 *
 * @param domain true if the event belongs to an aggregate (then a conflict on
 *               aggregateIdentifier/sequenceNumber is a concurrency failure)
 */
public record PreparedEvent(EventMessage<?> message, BsonDocument document, String eventIdentifier,
        String aggregateIdentifier, long sequenceNumber, boolean domain) {
}
