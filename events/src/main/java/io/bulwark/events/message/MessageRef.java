package io.bulwark.events.message;

import io.bulwark.events.PersonalData;
import java.util.List;

/**
 * What every message lifecycle event says about the message it concerns: the gateway's queue id
 * (the aggregate identifier of the message's event stream), the RFC 5322 Message-ID header, the
 * SMTP envelope, the size in bytes, the SMTP client's address and the node that handled it.
 *
 * @param queueId       the gateway-assigned id, unique across nodes
 * @param messageId     the Message-ID header as received (without angle brackets), or {@code null}
 *                      if the message had none or was refused before DATA
 * @param sender        the envelope sender (MAIL FROM), empty for the null sender
 * @param recipients    the envelope recipients this event concerns
 * @param sizeBytes     message size in bytes as received (0 before DATA)
 * @param clientAddress the SMTP client's IP address
 * @param nodeId        the gateway node
 *
 * <p>The envelope addresses are {@link PersonalData}: stored encrypted per address where
 * personal-data encryption is on (ADR 0029); the client address is the sender's (ADR 0038).
 */
public record MessageRef(
        String queueId,
        String messageId,
        @PersonalData String sender,
        @PersonalData List<String> recipients,
        long sizeBytes,
        @PersonalData(PersonalData.Kind.OF_MESSAGE) String clientAddress,
        String nodeId) {

    public MessageRef {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    /** The same message, restricted to the given recipients. */
    public MessageRef withRecipients(List<String> subset) {
        return new MessageRef(queueId, messageId, sender, subset, sizeBytes, clientAddress, nodeId);
    }
}
