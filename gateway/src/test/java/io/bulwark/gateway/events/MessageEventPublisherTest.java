package io.bulwark.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.message.MessageQueuedEvent;
import io.bulwark.gateway.spool.RecipientState;
import io.bulwark.gateway.spool.RecipientStatus;
import io.bulwark.gateway.spool.SpoolMetadata;
import io.bulwark.gateway.support.InMemoryEventAppender;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;

class MessageEventPublisherTest {
    private static final Instant RECEIVED = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant DONE = Instant.parse("2025-01-01T00:01:00Z");

    private static SpoolMetadata message() {
        return new SpoolMetadata(1, "Q", "n", "a@b.test", List.of(
                RecipientState.pending("x@d.test").withOutcome(RecipientStatus.DELIVERED, "mx[192.0.2.1]:25",
                        "250 ok", 1, DONE),
                RecipientState.pending("y@d.test").withOutcome(RecipientStatus.DELIVERED, "mx[192.0.2.1]:25",
                        "250 ok", 1, DONE),
                RecipientState.pending("z@e.test").withOutcome(RecipientStatus.BOUNCED, "mx[192.0.2.2]:25",
                        "550 5.1.1 no", 1, DONE).withDsn("DSN")),
                "192.0.2.9", "helo", null, null, "mid", 10, "ab", false, RECEIVED, 1, DONE, false);
    }

    @Test
    void reEmittingTheSameLifeProducesTheSameEventIdsAndTimestamps() {
        InMemoryEventAppender appender = new InMemoryEventAppender();
        MessageEventPublisher publisher = new MessageEventPublisher(appender);
        publisher.outcomes(message()).join();
        List<EventMessage<?>> first = appender.all();
        publisher.received(message()).join();
        publisher.outcomes(message()).join();

        // received (which also means queued INCOMING: no MessageQueued of its own), one delivered for
        // the two recipients sharing an outcome, one bounced
        assertThat(first).hasSize(3);
        assertThat(first).noneMatch(e -> e.getPayload() instanceof MessageQueuedEvent);
        assertThat(appender.all()).hasSize(3);
        // received() repeats the arrival event; the second outcomes() leaves it out (this process saw
        // it stored) and repeats only the delivered and the bounced event
        assertThat(appender.duplicates()).isEqualTo(1 + 2);
        assertThat(first.get(0).getTimestamp()).isEqualTo(RECEIVED);
        assertThat(first.get(1).getTimestamp()).isEqualTo(DONE);
    }

    @Test
    void aLaterAttemptGetsNewIds() {
        InMemoryEventAppender appender = new InMemoryEventAppender();
        MessageEventPublisher publisher = new MessageEventPublisher(appender);
        SpoolMetadata m = message();
        RecipientState retried = m.recipients().getFirst().withOutcome(RecipientStatus.DELIVERED,
                "mx[192.0.2.1]:25", "250 ok", 2, DONE);
        publisher.outcomes(m).join();
        publisher.outcomes(m.withRecipients(List.of(retried, m.recipients().get(1), m.recipients().get(2)))).join();
        // received and the bounce repeat; the two delivered groups are new
        assertThat(appender.duplicates()).isEqualTo(2);
        assertThat(appender.all()).hasSize(5);
    }

    @Test
    void arrivalEventsAreSentWithOutcomesOnlyWhenThisProcessHasNotSeenThemStored() {
        InMemoryEventAppender appender = new InMemoryEventAppender();
        SpoolMetadata m = message();
        SpoolMetadata pending = m.withRecipients(List.of(RecipientState.pending("x@d.test")));

        MessageEventPublisher publisher = new MessageEventPublisher(appender);
        publisher.received(pending).join();
        int afterArrival = appender.all().size();
        publisher.outcomes(pending).join();
        assertThat(appender.all()).hasSize(afterArrival);
        assertThat(appender.duplicates()).isZero();

        // A restarted process knows nothing: it sends the arrival again, which the store ignores.
        MessageEventPublisher restarted = new MessageEventPublisher(appender);
        restarted.outcomes(pending).join();
        assertThat(appender.duplicates()).isEqualTo(afterArrival);
    }

    @Test
    void aFailedArrivalAppendIsRepeatedWithTheOutcomes() {
        InMemoryEventAppender appender = new InMemoryEventAppender();
        MessageEventPublisher publisher = new MessageEventPublisher(appender);
        SpoolMetadata pending = message().withRecipients(List.of(RecipientState.pending("x@d.test")));

        appender.failNext(new IllegalStateException("store down"));
        assertThat(publisher.received(pending)).isCompletedExceptionally();
        publisher.outcomes(pending).join();

        assertThat(appender.all()).extracting(e -> e.getPayload().getClass().getSimpleName())
                .containsExactly("MessageReceivedEvent");
    }
}
