package io.bulwark.admin.tracking;

import static io.bulwark.admin.tracking.RecordedMessageEvents.at;
import static io.bulwark.admin.tracking.RecordedMessageEvents.ref;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.tracking.internal.TrackedMessage;
import io.bulwark.events.message.DeliveryDeferredEvent;
import io.bulwark.events.message.MessageBouncedEvent;
import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.events.message.MessageEvent;
import io.bulwark.events.message.MessageQueuedEvent;
import io.bulwark.events.message.MessageReceivedEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.message.MessageRejectedEvent;
import io.bulwark.events.query.MessageTrackingView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackedMessageTest {

    private static final MessageRef TWO = ref("Q1", "alice@example.com", "bob@corp.example", "carol@corp.example");
    private static final MessageRef BOB = TWO.withRecipients(List.of("bob@corp.example"));
    private static final MessageRef CAROL = TWO.withRecipients(List.of("carol@corp.example"));

    private final TrackedMessage message = new TrackedMessage("Q1");
    private int eventNumber;

    private TrackingStatus after(MessageEvent... events) {
        for (MessageEvent event : events) {
            message.apply("e" + eventNumber++, event, Instant.EPOCH);
        }
        return message.status();
    }

    private static MessageReceivedEvent received() {
        return new MessageReceivedEvent(TWO, "helo", null, null, "00", at(0));
    }

    @Test
    void aReceivedMessageIsQueuedAtOnceAndAQueuedIncomingOfAnOlderHistoryChangesNothing() {
        assertThat(after(received())).isEqualTo(TrackingStatus.QUEUED);
        assertThat(after(new MessageQueuedEvent(TWO, "INCOMING", at(0)))).isEqualTo(TrackingStatus.QUEUED);
    }

    @Test
    void aTemporaryFailureDefersTheMessage() {
        assertThat(after(received(), new DeliveryDeferredEvent(TWO, "hop", "451 later", 1, at(60), at(1))))
                .isEqualTo(TrackingStatus.DEFERRED);
    }

    @Test
    void deliveryToEveryRecipientDeliversTheMessage() {
        assertThat(after(received(), new MessageDeliveredEvent(BOB, "hop", "250 ok", at(1)))).isEqualTo(
                TrackingStatus.QUEUED);
        assertThat(after(new MessageDeliveredEvent(CAROL, "hop", "250 ok", at(2)))).isEqualTo(TrackingStatus.DELIVERED);
    }

    @Test
    void aMessageWithARecipientStillDeferredStaysDeferredAfterAPartialDelivery() {
        assertThat(after(received(), new MessageDeliveredEvent(BOB, "hop", "250 ok", at(1)),
                new DeliveryDeferredEvent(CAROL, "hop", "451 later", 1, at(60), at(1)))).isEqualTo(
                TrackingStatus.DEFERRED);
    }

    @Test
    void deliveredAndBouncedRecipientsMakeAPartialDelivery() {
        assertThat(after(received(), new MessageDeliveredEvent(BOB, "hop", "250 ok", at(1)),
                new MessageBouncedEvent(CAROL, "hop", "550 unknown", "Q9", at(2)))).isEqualTo(
                TrackingStatus.PARTIALLY_DELIVERED);
    }

    @Test
    void bouncesForEveryRecipientBounceTheMessage() {
        assertThat(after(received(), new MessageBouncedEvent(TWO, "hop", "550 no", null, at(2))))
                .isEqualTo(TrackingStatus.BOUNCED);
    }

    @Test
    void aRejectionWithoutRecipientsRejectsTheWholeMessage() {
        MessageRef atMail = new MessageRef("Q1", null, "spammer@bad.example", List.of(), 0, "203.0.113.9", "node-1");
        assertThat(after(new MessageRejectedEvent(atMail, "MAIL", "554 5.7.1 Blocked", at(0))))
                .isEqualTo(TrackingStatus.REJECTED);
        assertThat(message.toView().receivedAt()).isEqualTo(at(0).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    void aLateQueuedEventDoesNotUndoADelivery() {
        assertThat(after(received(), new MessageDeliveredEvent(TWO, "hop", "250 ok", at(1)),
                new MessageQueuedEvent(TWO.withRecipients(List.of()), "ACTIVE", at(2)))).isEqualTo(
                TrackingStatus.DELIVERED);
    }

    @Test
    void aRedeliveredEventIsIgnored() {
        MessageReceivedEvent received = received();
        assertThat(message.apply("same", received, Instant.EPOCH)).isTrue();
        assertThat(message.apply("same", received, Instant.EPOCH)).isFalse();
        assertThat(message.toView().history()).hasSize(1);
    }

    @Test
    void historyRecordsTheNextHopsReply() {
        after(received(), new MessageDeliveredEvent(TWO, "10.0.0.5:25", "250 2.0.0 Ok: queued as 4F1X", at(1)));
        MessageTrackingView view = message.toView();
        assertThat(view.history()).extracting(MessageTrackingView.HistoryEntry::event)
                .containsExactly("MessageReceived", "MessageDelivered");
        assertThat(view.history().get(1).detail()).contains("10.0.0.5:25").contains("250 2.0.0 Ok: queued as 4F1X");
    }

    @Test
    void theStoredFormRoundTrips() {
        after(received(), new MessageDeliveredEvent(BOB, "hop", "250 ok", at(1)),
                new DeliveryDeferredEvent(CAROL, "hop", "451 later", 1, at(60), at(1)));
        TrackedMessage reloaded = TrackedMessage.fromDocument(message.toDocument());
        assertThat(reloaded.toView()).isEqualTo(message.toView());
        assertThat(reloaded.toDocument()).isEqualTo(message.toDocument());
    }

    @Test
    void recipientsDeletedByPolicyAreFinalAndTheRestDecideTheMessageStatus() {
        after(received());
        message.applyPolicy("scan", new io.bulwark.events.scan.MessageScannedEvent(TWO,
                new io.bulwark.events.scan.ScanReport(List.of(), java.util.Map.of(), 0), List.of(), false, at(1)),
                Instant.EPOCH);
        message.applyPolicy("del", new io.bulwark.events.scan.MessageDeletedEvent(CAROL, "r1", "Quarantine-free zone",
                "ANTI_VIRUS INFECTED -> DELETE_MESSAGE", at(1)), Instant.EPOCH);
        assertThat(message.status()).isEqualTo(TrackingStatus.QUEUED);
        assertThat(after(new MessageDeliveredEvent(BOB, "hop", "250 ok", at(2))))
                .isEqualTo(TrackingStatus.PARTIALLY_DELIVERED);
        assertThat(message.toView().history()).extracting(MessageTrackingView.HistoryEntry::event)
                .contains("MessageScanned", "MessageDeleted");
        assertThat(message.applyPolicy("del", new io.bulwark.events.scan.MessageDeletedEvent(CAROL, "r1", "x", "y",
                at(3)), Instant.EPOCH)).as("replayed event ignored").isFalse();
    }

    @Test
    void aMessageDeletedForEveryRecipientIsDeleted() {
        after(received());
        message.applyPolicy("del", new io.bulwark.events.scan.MessageDeletedEvent(TWO, "r1", "Default",
                "ANTI_SPAM SPAM -> DELETE_MESSAGE", at(1)), Instant.EPOCH);
        assertThat(message.status()).isEqualTo(TrackingStatus.DELETED);
    }

    @Test
    void aMessageDeletedFromTheQueueByAnAdministratorIsDeletedAndHoldsAreInItsHistory() {
        after(received(), new MessageQueuedEvent(TWO, "INCOMING", at(1)));
        assertThat(message.applyQueueAction("h", "MessageHeld", TWO, "helpdesk", at(2), Instant.EPOCH)).isTrue();
        assertThat(message.status()).isEqualTo(TrackingStatus.QUEUED);
        message.applyQueueAction("d", "QueuedMessageDeleted", TWO, "admin", at(3), Instant.EPOCH);
        assertThat(message.status()).isEqualTo(TrackingStatus.DELETED);
        assertThat(message.toView().history()).extracting(MessageTrackingView.HistoryEntry::event)
                .contains("MessageHeld", "QueuedMessageDeleted");
        assertThat(message.applyQueueAction("d", "QueuedMessageDeleted", TWO, "admin", at(3), Instant.EPOCH)).isFalse();
    }
}
