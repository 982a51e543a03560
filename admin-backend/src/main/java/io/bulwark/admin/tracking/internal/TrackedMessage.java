package io.bulwark.admin.tracking.internal;

import io.bulwark.admin.tracking.TrackingStatus;
import io.bulwark.events.scan.MessageDeletedEvent;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.message.DeliveryDeferredEvent;
import io.bulwark.events.message.MessageBouncedEvent;
import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.events.message.MessageEvent;
import io.bulwark.events.message.MessageQueuedEvent;
import io.bulwark.events.message.MessageReceivedEvent;
import io.bulwark.events.message.QueueName;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.message.MessageRejectedEvent;
import io.bulwark.events.query.MessageTrackingView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The tracking state of one message and the rules that fold lifecycle events into it: metadata,
 * per-recipient status, message status and history. Pure: no I/O; the projection loads and stores
 * it as a BSON document (one per queue id).
 *
 * <p>Idempotent by event identifier: {@link #apply} ignores an event already in the history, so a
 * redelivered event changes nothing. Times are kept at millisecond precision, the precision of a
 * BSON date, so a state rebuilt from the document equals the one that was stored.
 *
 * <p>Status rules. A recipient moves through QUEUED (from its MessageReceived on: the receipt puts
 * it in the INCOMING queue; RECEIVED remains for recipients only named by later events), DEFERRED
 * until a final status
 * (DELIVERED, BOUNCED, REJECTED), which later non-final events do not undo. While any recipient is
 * pending, the message status is the most advanced pending one (DEFERRED over QUEUED over RECEIVED):
 * the message is still in a queue. Once all are final: DELIVERED if all were delivered,
 * PARTIALLY_DELIVERED if some were, REJECTED if all were rejected, else BOUNCED. A rejection that
 * names no recipient (at MAIL) rejects the whole message. Events whose reference lists no
 * recipients apply to every pending recipient.
 *
 * <p>Not thread-safe; the tracking processor handles the events of one message in order on one
 * thread.
 */
public final class TrackedMessage {

    private final String queueId;
    private String messageId;
    /**
     * The decoded Subject, from the scan event (revision 3 on). Personal data: kept in this one
     * field (stored as {@code subject}) so that crypto-shredding (ADR 0024) can blank it alone.
     */
    private String subject;
    private String sender;
    private long sizeBytes;
    private String clientAddress;
    private String nodeId;
    private Instant receivedAt;
    private Instant updatedAt;
    private boolean wholeMessageRejected;
    private final Map<String, RecipientState> recipients = new LinkedHashMap<>();
    private final List<History> history = new ArrayList<>();
    /** Each module's status from the last scan, by module name. */
    private final Map<String, String> moduleStatuses = new LinkedHashMap<>();
    /** Names of the rules that decided about the message. */
    private final java.util.Set<String> rules = new java.util.LinkedHashSet<>();

    /** A message with no events yet. */
    public TrackedMessage(String queueId) {
        this.queueId = queueId;
    }

    /** Per-recipient state. */
    record RecipientState(TrackingStatus status, Instant at, String detail) {
    }

    /** One history entry, keyed by the identifier of the event it came from. */
    record History(String eventId, Instant at, String event, String detail) {
    }

    /**
     * Folds one event in.
     *
     * @param eventId   the event message identifier (the idempotency key)
     * @param event     the lifecycle event
     * @param timestamp the event message's timestamp, used when the payload has no time
     * @return {@code false} when the event was already applied
     */
    public boolean apply(String eventId, MessageEvent event, Instant timestamp) {
        if (history.stream().anyMatch(h -> h.eventId().equals(eventId))) {
            return false;
        }
        Instant at = millis(event.at() != null ? event.at() : timestamp);
        MessageRef ref = event.message();
        mergeMetadata(ref);
        List<String> named = ref.recipients();
        named.forEach(r -> recipients.putIfAbsent(r, null));
        String detail = switch (event) {
            case MessageReceivedEvent e -> {
                receivedAt = at;
                // Received means spooled and in the INCOMING queue: the gateway no longer appends a
                // separate MessageQueued(INCOMING) at the same instant (ADR 0033); older histories
                // have both and end in the same state.
                mark(named, TrackingStatus.QUEUED, at, "queue " + QueueName.INCOMING.name());
                yield "from " + ref.clientAddress() + " (helo " + e.heloName() + "), " + ref.sizeBytes() + " bytes, "
                        + (e.tlsProtocol() == null ? "no TLS" : e.tlsProtocol() + " " + e.tlsCipher())
                        + ", sha256 " + e.sha256();
            }
            case MessageQueuedEvent e -> {
                mark(named, TrackingStatus.QUEUED, at, "queue " + e.queue());
                yield "queue " + e.queue() + " on " + ref.nodeId();
            }
            case DeliveryDeferredEvent e -> {
                mark(named, TrackingStatus.DEFERRED, at, e.reply());
                yield recipientsPrefix(named) + "via " + e.nextHop() + ", attempt " + e.attempt() + ": " + e.reply()
                        + (e.nextAttemptAt() == null ? "" : "; next attempt " + e.nextAttemptAt());
            }
            case MessageDeliveredEvent e -> {
                mark(named, TrackingStatus.DELIVERED, at, e.reply());
                yield recipientsPrefix(named) + "via " + e.nextHop() + ": " + e.reply();
            }
            case MessageBouncedEvent e -> {
                mark(named, TrackingStatus.BOUNCED, at, e.reply());
                yield recipientsPrefix(named) + "via " + e.nextHop() + ": " + e.reply()
                        + (e.dsnQueueId() == null ? "; no DSN" : "; DSN " + e.dsnQueueId());
            }
            case MessageRejectedEvent e -> {
                if (named.isEmpty()) {
                    wholeMessageRejected = true;
                }
                mark(named, TrackingStatus.REJECTED, at, e.reply());
                yield "at " + e.stage() + ", " + recipientsPrefix(named) + e.reply();
            }
        };
        if (receivedAt == null) {
            // Rejections at RCPT have their own queue id and no MessageReceived: list them at the
            // time of the refusal.
            receivedAt = at;
        }
        updatedAt = updatedAt == null || at.isAfter(updatedAt) ? at : updatedAt;
        history.add(new History(eventId, at, eventName(event), detail));
        return true;
    }

    /**
     * Folds in what the scan pipeline decided: the scan report (a history entry with every module's
     * status) and deletions by policy (a final DELETED state for those recipients). These events are
     * not {@link MessageEvent}s because they come from the policy, not from the queue.
     *
     * @return {@code false} when the event was already applied
     */
    public boolean applyPolicy(String eventId, MessageScannedEvent scanned, Instant timestamp) {
        if (alreadyApplied(eventId)) {
            return false;
        }
        Instant at = millis(scanned.at() != null ? scanned.at() : timestamp);
        mergeMetadata(scanned.message());
        if (scanned.subject() != null) {
            subject = scanned.subject();
        }
        scanned.message().recipients().forEach(r -> recipients.putIfAbsent(r, null));
        scanned.report().verdicts().forEach(v -> moduleStatuses.put(v.module().name(), v.status().name()));
        scanned.decisions().forEach(d -> {
            if (d.ruleName() != null) {
                rules.add(d.ruleName());
            }
        });
        String verdicts = scanned.report().verdicts().stream()
                .map(v -> v.module() + " " + v.status() + (v.reasons().isEmpty() ? "" : " (" + String.join("; ", v.reasons()) + ")"))
                .collect(java.util.stream.Collectors.joining(", "));
        String decisions = scanned.decisions().stream()
                .map(d -> recipientsPrefix(d.recipients()) + "rule " + d.ruleName() + ": " + d.applied())
                .collect(java.util.stream.Collectors.joining("; "));
        String attachments = scanned.attachments().stream()
                .map(a -> (a.fileName() == null ? "part " + a.partPath() : a.fileName()) + " (" + a.detectedType() + ", "
                        + a.sizeBytes() + " bytes" + (a.sha256() == null ? "" : ", sha256 " + a.sha256()) + ")")
                .collect(java.util.stream.Collectors.joining(", "));
        record(eventId, at, "MessageScanned", (verdicts.isEmpty() ? "no module ran" : verdicts)
                + (decisions.isEmpty() ? "" : " -> " + decisions) + (scanned.dataRejected() ? "; DATA rejected" : "")
                + (attachments.isEmpty() ? "" : "; attachments: " + attachments));
        return true;
    }

    /** See {@link #applyPolicy(String, MessageScannedEvent, Instant)}. */
    public boolean applyPolicy(String eventId, MessageDeletedEvent deleted, Instant timestamp) {
        if (alreadyApplied(eventId)) {
            return false;
        }
        Instant at = millis(deleted.at() != null ? deleted.at() : timestamp);
        MessageRef ref = deleted.message();
        mergeMetadata(ref);
        ref.recipients().forEach(r -> recipients.putIfAbsent(r, null));
        if (deleted.ruleName() != null) {
            rules.add(deleted.ruleName());
        }
        mark(ref.recipients(), TrackingStatus.DELETED, at, deleted.reason());
        record(eventId, at, "MessageDeleted",
                recipientsPrefix(ref.recipients()) + "by rule " + deleted.ruleName() + ": " + deleted.reason());
        return true;
    }

    /**
     * Folds in an administrator's action on a queued message (docs/mta.md, "Queue control"):
     * hold, release and force delivery are history entries; a deletion from the queue is a final
     * DELETED state for the message's pending recipients.
     *
     * @param action   "MessageHeld", "MessageReleased", "DeliveryForced" or "QueuedMessageDeleted"
     * @return {@code false} when the event was already applied
     */
    public boolean applyQueueAction(String eventId, String action, MessageRef ref, String actor, Instant when,
            Instant timestamp) {
        if (alreadyApplied(eventId)) {
            return false;
        }
        Instant at = millis(when != null ? when : timestamp);
        mergeMetadata(ref);
        ref.recipients().forEach(r -> recipients.putIfAbsent(r, null));
        if (action.equals("QueuedMessageDeleted")) {
            mark(List.of(), TrackingStatus.DELETED, at, "deleted from the queue by " + actor);
        }
        record(eventId, at, action, "by " + actor);
        return true;
    }

    private boolean alreadyApplied(String eventId) {
        return history.stream().anyMatch(h -> h.eventId().equals(eventId));
    }

    private void record(String eventId, Instant at, String event, String detail) {
        if (receivedAt == null) {
            receivedAt = at;
        }
        updatedAt = updatedAt == null || at.isAfter(updatedAt) ? at : updatedAt;
        history.add(new History(eventId, at, event, detail));
    }

    private void mergeMetadata(MessageRef ref) {
        if (messageId == null) {
            messageId = ref.messageId();
        }
        if (sender == null) {
            sender = ref.sender();
        }
        if (ref.sizeBytes() > 0) {
            sizeBytes = ref.sizeBytes();
        }
        if (ref.clientAddress() != null && clientAddress == null) {
            clientAddress = ref.clientAddress();
        }
        if (ref.nodeId() != null) {
            nodeId = ref.nodeId();
        }
    }

    /**
     * Sets the status of the named recipients, or of every pending one when none is named. A
     * non-final status never replaces a final one: a late "queued" must not undo a delivery.
     */
    private void mark(List<String> named, TrackingStatus status, Instant at, String detail) {
        List<String> targets = named.isEmpty() ? List.copyOf(recipients.keySet()) : named;
        for (String recipient : targets) {
            RecipientState current = recipients.get(recipient);
            boolean pending = current == null || !current.status().isFinal();
            if (status.isFinal() ? (pending || !named.isEmpty()) : pending) {
                recipients.put(recipient, new RecipientState(status, at, detail));
            }
        }
    }

    /** The message status derived from the recipients (see the class comment). */
    public TrackingStatus status() {
        List<TrackingStatus> states = recipients.values().stream()
                .map(s -> s == null ? TrackingStatus.RECEIVED : s.status())
                .toList();
        if (states.isEmpty()) {
            return wholeMessageRejected ? TrackingStatus.REJECTED : TrackingStatus.RECEIVED;
        }
        if (states.stream().anyMatch(s -> !s.isFinal())) {
            if (states.contains(TrackingStatus.DEFERRED)) {
                return TrackingStatus.DEFERRED;
            }
            return states.contains(TrackingStatus.QUEUED) ? TrackingStatus.QUEUED : TrackingStatus.RECEIVED;
        }
        if (states.stream().allMatch(s -> s == TrackingStatus.DELIVERED)) {
            return TrackingStatus.DELIVERED;
        }
        if (states.stream().allMatch(s -> s == TrackingStatus.DELETED)) {
            return TrackingStatus.DELETED;
        }
        if (states.contains(TrackingStatus.DELIVERED)) {
            return TrackingStatus.PARTIALLY_DELIVERED;
        }
        return states.stream().allMatch(s -> s == TrackingStatus.REJECTED) ? TrackingStatus.REJECTED
                : TrackingStatus.BOUNCED;
    }

    /** The read model row. */
    public MessageTrackingView toView() {
        return new MessageTrackingView(queueId, messageId, sender, List.copyOf(recipients.keySet()), sizeBytes,
                clientAddress, nodeId, status().name(), receivedAt, updatedAt,
                history.stream().map(h -> new MessageTrackingView.HistoryEntry(h.at(), h.event(), h.detail()))
                        .toList(), subject, moduleStatuses, List.copyOf(rules));
    }

    /** The stored form; field names are those the projection queries on. */
    public Document toDocument() {
        List<Document> recipientDocuments = new ArrayList<>();
        recipients.forEach((address, state) -> recipientDocuments.add(new Document("address", address)
                .append("status", state == null ? TrackingStatus.RECEIVED.name() : state.status().name())
                .append("at", state == null ? null : date(state.at()))
                .append("detail", state == null ? null : state.detail())));
        return new Document("_id", queueId)
                .append("messageId", messageId)
                .append("subject", subject)
                .append("sender", sender)
                .append("recipients", List.copyOf(recipients.keySet()))
                .append("sizeBytes", sizeBytes)
                .append("clientAddress", clientAddress)
                .append("nodeId", nodeId)
                .append("status", status().name())
                .append("receivedAt", date(receivedAt))
                .append("updatedAt", date(updatedAt))
                .append("wholeMessageRejected", wholeMessageRejected)
                .append("recipientStates", recipientDocuments)
                .append("modules", new Document(moduleStatuses))
                .append("rules", List.copyOf(rules))
                .append("history", history.stream().map(h -> new Document("eventId", h.eventId())
                        .append("at", date(h.at()))
                        .append("event", h.event())
                        .append("detail", h.detail())).toList());
    }

    /** Rebuilds the state from its stored form. */
    public static TrackedMessage fromDocument(Document document) {
        TrackedMessage message = new TrackedMessage(document.getString("_id"));
        message.messageId = document.getString("messageId");
        message.subject = document.getString("subject");
        message.sender = document.getString("sender");
        message.sizeBytes = ((Number) document.get("sizeBytes", 0L)).longValue();
        message.clientAddress = document.getString("clientAddress");
        message.nodeId = document.getString("nodeId");
        message.receivedAt = instant(document.getDate("receivedAt"));
        message.updatedAt = instant(document.getDate("updatedAt"));
        message.wholeMessageRejected = document.getBoolean("wholeMessageRejected", false);
        for (Document r : document.getList("recipientStates", Document.class, List.of())) {
            Date at = r.getDate("at");
            message.recipients.put(r.getString("address"), at == null ? null
                    : new RecipientState(TrackingStatus.valueOf(r.getString("status")), at.toInstant(),
                            r.getString("detail")));
        }
        Document modules = document.get("modules", Document.class);
        if (modules != null) {
            modules.forEach((module, status) -> message.moduleStatuses.put(module, String.valueOf(status)));
        }
        message.rules.addAll(document.getList("rules", String.class, List.of()));
        for (Document h : document.getList("history", Document.class, List.of())) {
            message.history.add(new History(h.getString("eventId"), instant(h.getDate("at")), h.getString("event"),
                    h.getString("detail")));
        }
        return message;
    }

    private static String eventName(MessageEvent event) {
        String simpleName = event.getClass().getSimpleName();
        return simpleName.endsWith("Event") ? simpleName.substring(0, simpleName.length() - "Event".length())
                : simpleName;
    }

    private static String recipientsPrefix(List<String> named) {
        return named.isEmpty() ? "" : String.join(", ", named) + " ";
    }

    private static Instant millis(Instant instant) {
        return instant == null ? null : Instant.ofEpochMilli(instant.toEpochMilli());
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
