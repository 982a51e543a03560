package io.bulwark.admin.support;

import io.bulwark.events.message.MessageEvent;
import io.bulwark.events.scan.MessageScannedEvent;
import org.axonframework.eventhandling.EventMessage;

/** Keys of the mail-path read models' documents, for {@link BatchedDocuments}' reading ahead. */
public final class MessageKeys {

    private MessageKeys() {
    }

    /**
     * The queue id a mail-path event concerns (the {@code _id} of its queue-view and tracking
     * documents), or null for any other event: those are then read one by one.
     */
    public static Object queueId(EventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload instanceof MessageEvent message) {
            return message.queueId();
        }
        if (payload instanceof MessageScannedEvent scanned) {
            return scanned.message().queueId();
        }
        return null;
    }
}
