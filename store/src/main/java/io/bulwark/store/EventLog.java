package io.bulwark.store;

import java.util.List;

/**
 * The auditors' view of the event store: every event in global order, payload as JSON.
 * Thread-safe; reads are constant-time per event on the embedded store (lookups by global index).
 */
public interface EventLog {
    /** Up to {@code limit} events whose global index is greater than {@code after}, in order. */
    List<StoredEvent> readAfter(long after, int limit);

    /**
     * One stored event.
     *
     * @param globalIndex   position in the global order (gaps may exist, order never changes)
     * @param eventId       the event identifier
     * @param type          the payload type (fully qualified class name)
     * @param revision      the payload revision
     * @param timestamp     ISO-8601 instant
     * @param aggregateId   aggregate identifier, or {@code null} for events outside an aggregate
     * @param sequence      sequence number within the aggregate, or {@code null}
     * @param payloadJson   the payload as JSON text
     * @param metaDataJson  the metadata as JSON text ({@code null} where a store keeps none); the
     *                      history seal covers it, so who caused an event cannot be changed unseen
     */
    record StoredEvent(long globalIndex, String eventId, String type, String revision, String timestamp,
            String aggregateId, Long sequence, String payloadJson, String metaDataJson) {

        /** An event without metadata. */
        public StoredEvent(long globalIndex, String eventId, String type, String revision, String timestamp,
                String aggregateId, Long sequence, String payloadJson) {
            this(globalIndex, eventId, type, revision, timestamp, aggregateId, sequence, payloadJson, null);
        }
    }
}
