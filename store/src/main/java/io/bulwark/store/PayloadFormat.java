package io.bulwark.store;

/**
 * How the event store writes an event's payload and metadata ({@code bulwark.store.payload-format},
 * ADR 0048). Reading does not depend on it: every node reads both forms, so a store may hold events
 * of either and the setting can change at any time.
 */
public enum PayloadFormat {
    /**
     * JSON text in {@code payloadJson} and {@code metaDataJson}, as the serializer wrote it: one string
     * per field for the driver, the wire and the store's pages to carry instead of a tree of fields.
     * The default.
     */
    TEXT,
    /**
     * BSON documents in {@code payload} and {@code metaData} where MongoDB can hold them (else text),
     * so that payload fields can be queried in MongoDB itself ({@code {"payload.messageId": ...}}).
     */
    DOCUMENT
}
