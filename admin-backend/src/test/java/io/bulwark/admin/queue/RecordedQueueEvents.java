package io.bulwark.admin.queue;

import io.bulwark.events.message.DeliveryDeferredEvent;
import io.bulwark.events.message.MessageBouncedEvent;
import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.events.message.MessageQueuedEvent;
import io.bulwark.events.message.MessageReceivedEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.message.MessageRejectedEvent;
import io.bulwark.events.queue.DeliveryForcedEvent;
import io.bulwark.events.queue.MessageHeldEvent;
import io.bulwark.events.queue.MessageReleasedEvent;
import io.bulwark.events.queue.NodeTrafficChangedEvent;
import io.bulwark.events.queue.NodeTrafficStateReportedEvent;
import io.bulwark.events.queue.QueuedMessageDeletedEvent;
import io.bulwark.events.queue.TrafficDirection;
import java.time.Instant;
import java.util.List;

/**
 * A recorded stretch of two gateway nodes' lives, as the queue view receives it:
 * <ul>
 *   <li>A1 (node-1): received, deferred twice, still DEFERRED;</li>
 *   <li>A2 (node-1): two recipients, one delivered, the other still pending (ACTIVE);</li>
 *   <li>A3 (node-1): delivered: gone;</li>
 *   <li>B1 (node-2): received, INCOMING, held by an administrator: HOLD;</li>
 *   <li>B2 (node-2): held, released, forced, deferred: DEFERRED;</li>
 *   <li>B3 (node-2): deleted by an administrator: gone;</li>
 *   <li>B4 (node-2): bounced: gone; R1: refused at RCPT, never queued.</li>
 * </ul>
 */
public final class RecordedQueueEvents {
    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    private RecordedQueueEvents() {
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    static MessageRef ref(String queueId, String node, String sender, String... recipients) {
        return new MessageRef(queueId, queueId + "@mail.example.org", sender, List.of(recipients), 1000L + queueId.length(),
                "198.51.100.7", node);
    }

    public static List<Object> events() {
        MessageRef a1 = ref("A1", "node-1", "alice@example.com", "bob@corp.example");
        MessageRef a2 = ref("A2", "node-1", "carol@example.com", "dave@corp.example", "erin@corp.example");
        MessageRef a3 = ref("A3", "node-1", "frank@example.com", "grace@corp.example");
        MessageRef b1 = ref("B1", "node-2", "heidi@example.net", "ivan@corp.example");
        MessageRef b2 = ref("B2", "node-2", "judy@example.net", "mallory@corp.example");
        MessageRef b3 = ref("B3", "node-2", "oscar@example.net", "peggy@corp.example");
        MessageRef b4 = ref("B4", "node-2", "trent@example.net", "victor@corp.example");
        MessageRef r1 = ref("R1", "node-2", "spammer@example.biz", "walter@elsewhere.example");
        return List.of(
                new NodeTrafficStateReportedEvent("node-1", true, true, true, at(0)),
                new NodeTrafficStateReportedEvent("node-2", true, true, true, at(0)),
                new MessageReceivedEvent(a1, "mx.example.com", null, null, "aa", at(10)),
                new MessageQueuedEvent(a1, "INCOMING", at(10)),
                new MessageQueuedEvent(a1, "ACTIVE", at(11)),
                new DeliveryDeferredEvent(a1, "10.0.0.5:25", "451 4.3.0 Try again later", 1, at(71), at(12)),
                new MessageReceivedEvent(a2, "mx.example.com", null, null, "bb", at(20)),
                new MessageQueuedEvent(a2, "INCOMING", at(20)),
                new MessageQueuedEvent(a2.withRecipients(List.of("dave@corp.example", "erin@corp.example")), "ACTIVE",
                        at(21)),
                new MessageDeliveredEvent(a2.withRecipients(List.of("dave@corp.example")), "10.0.0.5:25",
                        "250 2.0.0 Ok", at(22)),
                new MessageReceivedEvent(a3, "mx.example.com", null, null, "cc", at(30)),
                new MessageQueuedEvent(a3, "INCOMING", at(30)),
                new MessageQueuedEvent(a3, "ACTIVE", at(31)),
                new MessageDeliveredEvent(a3, "10.0.0.5:25", "250 2.0.0 Ok", at(32)),
                new MessageReceivedEvent(b1, "mx.example.net", null, null, "dd", at(40)),
                new MessageQueuedEvent(b1, "INCOMING", at(40)),
                new MessageHeldEvent(b1, "req-1", "helpdesk", at(41)),
                new MessageReceivedEvent(b2, "mx.example.net", null, null, "ee", at(50)),
                new MessageQueuedEvent(b2, "INCOMING", at(50)),
                new MessageHeldEvent(b2, "req-2", "admin", at(51)),
                new MessageReleasedEvent(b2, "req-3", "admin", at(52)),
                new DeliveryForcedEvent(b2, "req-4", "admin", at(53)),
                new MessageQueuedEvent(b2, "ACTIVE", at(53)),
                new DeliveryDeferredEvent(b2, "10.0.0.6:25", "421 4.7.0 busy", 2, at(113), at(54)),
                new DeliveryDeferredEvent(a1, "10.0.0.5:25", "451 4.3.0 Still later", 2, at(191), at(71)),
                new MessageReceivedEvent(b3, "mx.example.net", null, null, "ff", at(60)),
                new MessageQueuedEvent(b3, "INCOMING", at(60)),
                new QueuedMessageDeletedEvent(b3, "req-5", "admin", at(61)),
                new MessageReceivedEvent(b4, "mx.example.net", null, null, "gg", at(70)),
                new MessageQueuedEvent(b4, "INCOMING", at(70)),
                new MessageBouncedEvent(b4, "10.0.0.6:25", "550 5.1.1 unknown", "DSN1", at(72)),
                new MessageRejectedEvent(r1, "RCPT", "550 5.7.1 Relay access denied", at(80)),
                new NodeTrafficChangedEvent("node-2", TrafficDirection.SENDING, false, "req-6", "admin", at(90)));
    }
}
