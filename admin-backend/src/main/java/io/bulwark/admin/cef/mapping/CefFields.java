package io.bulwark.admin.cef.mapping;

import io.bulwark.admin.cef.CefRecord;
import io.bulwark.events.message.MessageRef;

/** Extension fields several groups write the same way. */
final class CefFields {
    private CefFields() {
    }

    /** The administrator who acted, as {@code suser} (reference G.3: suser = who changed). */
    static CefRecord.Builder actor(CefRecord.Builder b, String actor) {
        return b.put("suser", actor);
    }

    /**
     * A client address: IPv4 in {@code src}; IPv6 in {@code c6a2} with its label, since the
     * dictionary types {@code src} as IPv4 (CEF notes, "Special mappings").
     */
    static CefRecord.Builder source(CefRecord.Builder b, String address) {
        if (address == null || address.isBlank()) {
            return b;
        }
        if (address.indexOf(':') >= 0) {
            return b.put("c6a2Label", "Source IPv6 Address").put("c6a2", address);
        }
        return b.put("src", address);
    }

    /** Sender, recipients, client, size, node and Message-ID of a message. */
    static CefRecord.Builder message(CefRecord.Builder b, MessageRef message) {
        source(b, message.clientAddress());
        return b.put("suser", message.sender() == null || message.sender().isEmpty() ? "<>" : message.sender())
                .list("duser", message.recipients())
                .put("dvchost", message.nodeId())
                .customString(1, "MessageId", message.messageId())
                .customString(6, "QueueId", message.queueId());
    }
}
