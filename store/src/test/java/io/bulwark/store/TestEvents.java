package io.bulwark.store;

import io.bulwark.events.EventRevision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;

/** Payloads and message factories for the store tests. */
final class TestEvents {

    private TestEvents() {
    }

    @EventRevision("1")
    record MessageAccepted(String messageId, int n, Instant receivedAt, BigDecimal score,
            Map<String, Integer> perDomain, List<String> tags, Sender sender) {
    }

    record Sender(String address, String heloName) {
    }

    @EventRevision("2")
    record RuleRenamed(String ruleId, String name) {
    }

    record RuleState(String ruleId, String name, long version) {
    }

    static MessageAccepted accepted(String messageId, int n) {
        return new MessageAccepted(messageId, n, Instant.parse("2025-03-01T10:15:30.123456789Z"),
                new BigDecimal("4.10"), Map.of("example.com", n, "mail.example.org", 1), List.of("a", "b"),
                new Sender("alice@example.com", "mx.example.com"));
    }

    static DomainEventMessage<RuleRenamed> domain(String aggregateId, long sequence, String name) {
        return new GenericDomainEventMessage<>("Rule", aggregateId, sequence, new RuleRenamed(aggregateId, name));
    }

    static DomainEventMessage<RuleRenamed> domainWithId(String eventId, String aggregateId, long sequence, String name) {
        return new GenericDomainEventMessage<>("Rule", aggregateId, sequence, new RuleRenamed(aggregateId, name),
                MetaData.with("node", "test"), eventId, Instant.now());
    }

    static EventMessage<?> plain(String messageId, int n) {
        return GenericEventMessage.asEventMessage(accepted(messageId, n)).andMetaData(MetaData.with("node", "test"));
    }

    static EventMessage<MessageAccepted> plainWithId(String eventId, int n) {
        return new GenericEventMessage<>(eventId, accepted("msg-" + n, n), MetaData.with("node", "test"), Instant.now());
    }
}
