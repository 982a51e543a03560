package io.bulwark.admin.cef.mapping;

import io.bulwark.admin.cef.CefGroup;
import io.bulwark.admin.cef.CefMappingTable;
import io.bulwark.admin.cef.CefRecord;
import io.bulwark.events.cef.CefExportFailedEvent;
import io.bulwark.events.cef.CefExportResumedEvent;
import io.bulwark.events.message.DeliveryDeferredEvent;
import io.bulwark.events.message.MessageBouncedEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.queue.DeliveryForcedEvent;
import io.bulwark.events.queue.MessageHeldEvent;
import io.bulwark.events.queue.MessageReleasedEvent;
import io.bulwark.events.queue.NodeTrafficChangeRequestedEvent;
import io.bulwark.events.queue.NodeTrafficChangedEvent;
import io.bulwark.events.queue.QueueActionRequestedEvent;
import io.bulwark.events.queue.QueuedMessageDeletedEvent;
import java.time.Instant;

/**
 * Appliance group (the reference did not document its classes): the node's built-in MTA and
 * plumbing: queue actions, stopping and starting traffic, delivery problems, and the CEF export's
 * own health.
 */
public final class ApplianceCefMapper implements CefMappingTable.GroupMapper {
    /** An administrator asked for a queue action (hold, release, force delivery, delete). */
    public static final String QUEUE_ACTION = "BW_AUDIT_QUEUE_ACTION";
    /** A node carried out a queue action on one message. */
    public static final String QUEUE_MESSAGE_CHANGED = "BW_EV_QUEUE_MESSAGE_CHANGED";
    /** Receiving or sending on a node was asked to stop or start, or did. */
    public static final String NODE_TRAFFIC_CHANGED = "BW_EV_NODE_TRAFFIC_CHANGED";
    /** A delivery attempt failed temporarily; the message stays queued. */
    public static final String DELIVERY_DEFERRED = "BW_EV_DELIVERY_DEFERRED";
    /** A message could not be delivered and was bounced to its sender. */
    public static final String MESSAGE_BOUNCED = "BW_EV_MESSAGE_BOUNCED";
    /** The CEF export could not reach its syslog target (sent once it can again). */
    public static final String CEF_EXPORT_FAILED = "BW_EV_CEF_EXPORT_FAILED";
    /** The CEF export reaches its target again. */
    public static final String CEF_EXPORT_RESUMED = "BW_EV_CEF_EXPORT_RESUMED";

    @Override
    public CefGroup group() {
        return CefGroup.APPLIANCE;
    }

    @Override
    public void register(CefMappingTable.Registry r) {
        r.map(QueueActionRequestedEvent.class, e -> CefFields.actor(CefRecord.builder(QUEUE_ACTION,
                "Queue action requested", 3).time(e.at()), e.actor()).put("act", e.action().name())
                .put("dvchost", e.nodeId()).put("cnt", e.all() ? null : e.queueIds().size())
                .customString(2, "Scope", e.all() ? "all" : String.join(",", e.queueIds()))
                .customString(5, "RequestId", e.requestId()).build());
        r.map(MessageHeldEvent.class, e -> queued("HOLD", e.message(), e.actor(), e.requestId(), e.at()));
        r.map(MessageReleasedEvent.class, e -> queued("RELEASE", e.message(), e.actor(), e.requestId(), e.at()));
        r.map(DeliveryForcedEvent.class, e -> queued("FORCE_DELIVERY", e.message(), e.actor(), e.requestId(),
                e.at()));
        r.map(QueuedMessageDeletedEvent.class, e -> queued("DELETE", e.message(), e.actor(), e.requestId(),
                e.at()));
        r.map(NodeTrafficChangeRequestedEvent.class, e -> CefFields.actor(CefRecord.builder(NODE_TRAFFIC_CHANGED,
                "Node traffic change requested", 5).time(e.at()), e.actor()).put("dvchost", e.nodeId())
                .put("act", (e.enabled() ? "start " : "stop ") + e.direction().name().toLowerCase(java.util.Locale.ROOT))
                .put("outcome", "requested").customString(5, "RequestId", e.requestId()).build());
        r.map(NodeTrafficChangedEvent.class, e -> CefFields.actor(CefRecord.builder(NODE_TRAFFIC_CHANGED,
                "Node traffic changed", 5).time(e.at()), e.actor()).put("dvchost", e.nodeId())
                .put("act", (e.enabled() ? "start " : "stop ") + e.direction().name().toLowerCase(java.util.Locale.ROOT))
                .put("outcome", "success").customString(5, "RequestId", e.requestId()).build());
        r.map(DeliveryDeferredEvent.class, e -> CefFields.message(CefRecord.builder(DELIVERY_DEFERRED,
                "Delivery deferred", 4).time(e.at()), e.message()).put("dhost", e.nextHop())
                .put("reason", e.reply()).put("cnt", e.attempt())
                .customDate(1, "NextAttempt", e.nextAttemptAt()).build());
        r.map(MessageBouncedEvent.class, e -> CefFields.message(CefRecord.builder(MESSAGE_BOUNCED,
                "Message bounced", 4).time(e.at()), e.message()).put("dhost", e.nextHop())
                .put("reason", e.reply()).put("act", "bounced").build());
        r.map(CefExportFailedEvent.class, e -> CefRecord.builder(CEF_EXPORT_FAILED, "CEF export failed", 7)
                .time(e.at()).put("dvchost", e.nodeId()).put("dhost", e.target()).put("reason", e.reason())
                .put("outcome", "failure").build());
        r.map(CefExportResumedEvent.class, e -> CefRecord.builder(CEF_EXPORT_RESUMED, "CEF export resumed", 3)
                .time(e.at()).put("dvchost", e.nodeId()).put("dhost", e.target()).put("outcome", "success")
                .put("cnt", e.attempts()).customDate(1, "FailedSince", e.failedSince()).build());
    }

    private static CefRecord queued(String act, MessageRef message, String actor, String requestId, Instant at) {
        return CefFields.message(CefRecord.builder(QUEUE_MESSAGE_CHANGED, "Queued message changed", 3).time(at),
                message).put("act", act).customString(3, "Account", actor)
                .customString(5, "RequestId", requestId).build();
    }
}
