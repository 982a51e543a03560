package io.bulwark.admin.cef.mapping;

import io.bulwark.admin.cef.CefGroup;
import io.bulwark.admin.cef.CefMappingTable;
import io.bulwark.admin.cef.CefRecord;
import io.bulwark.events.queue.NodeTrafficStateReportedEvent;

/**
 * Tasks group: the state of the node's processes (the reference's {@code LMS_EV_PRODUCT_STARTED},
 * {@code LMS_EV_PROCESS_CRASHED}). Today a gateway node reports its listener and its receiving and
 * sending state at start and on change.
 */
public final class TasksCefMapper implements CefMappingTable.GroupMapper {
    /** An administrator asked for a read model to be rebuilt from the event history. */
    public static final String PROJECTION_REBUILD = "BW_EV_PROJECTION_REBUILD";
    /** An administrator asked nodes to update their anti-virus databases now. */
    public static final String ANTIVIRUS_UPDATE_REQUESTED = "BW_EV_ANTIVIRUS_UPDATE_REQUESTED";
    /** A sealed segment of the history was archived out of the hot store (ADR 0029). */
    public static final String HISTORY_ARCHIVED = "BW_EV_HISTORY_ARCHIVED";
    /** A data subject was forgotten: their key was destroyed (crypto-shredding, ADR 0029). */
    public static final String SUBJECT_FORGOTTEN = "BW_EV_SUBJECT_FORGOTTEN";
    /** A node's process started (the reference's {@code LMS_EV_PRODUCT_STARTED}). */
    public static final String PRODUCT_STARTED = "BW_EV_PRODUCT_STARTED";
    /** A node's process stopped in order. */
    public static final String PRODUCT_STOPPED = "BW_EV_PRODUCT_STOPPED";
    /** A node reported whether it listens, receives and sends. */
    public static final String NODE_STATE = "BW_EV_NODE_STATE";

    @Override
    public CefGroup group() {
        return CefGroup.TASKS;
    }

    @Override
    public void register(CefMappingTable.Registry r) {
        r.map(NodeTrafficStateReportedEvent.class, e -> CefRecord.builder(NODE_STATE, "Node state reported",
                e.listening() && e.receiving() && e.sending() ? 2 : 5).time(e.at()).put("dvchost", e.nodeId())
                .customString(1, "Mode", "listening " + e.listening() + ", receiving " + e.receiving()
                        + ", sending " + e.sending())
                .build());
        r.map(io.bulwark.events.node.NodeStartedEvent.class, e -> CefRecord.builder(PRODUCT_STARTED, "Node started", 2)
                .time(e.at()).put("dvchost", e.nodeId()).customString(1, "Version", e.version()).build());
        r.map(io.bulwark.events.node.NodeStoppedEvent.class, e -> CefRecord.builder(PRODUCT_STOPPED, "Node stopped", 4)
                .time(e.at()).put("dvchost", e.nodeId()).build());
        r.map(io.bulwark.events.history.ProjectionRebuildRequestedEvent.class, e -> CefFields.actor(
                CefRecord.builder(PROJECTION_REBUILD, "Read model rebuild requested", 4).time(e.at()), e.actor())
                .customString(1, "Task", "rebuild " + e.processingGroup()).customString(2, "TaskId", e.requestId())
                .build());
        r.map(io.bulwark.events.history.HistorySegmentArchivedEvent.class, e -> CefFields.actor(
                CefRecord.builder(HISTORY_ARCHIVED, "History segment archived", 3).time(e.at()), e.actor())
                .customString(1, "Task", "archive history " + e.firstIndex() + ".." + e.lastIndex() + ", "
                        + e.removed() + " of " + e.events() + " events removed from the hot store")
                .put("fname", e.fileName()).put("fileHash", e.fileSha256()).build());
        r.map(io.bulwark.events.history.DataSubjectForgottenEvent.class, e -> CefFields.actor(
                CefRecord.builder(SUBJECT_FORGOTTEN, "Data subject forgotten", 5).time(e.at()), e.actor())
                .customString(1, "Task", "forget data subject")
                .customString(2, "TaskId", e.subjectId()).build());
        r.map(io.bulwark.events.antivirus.AntivirusUpdateRequestedEvent.class, e -> CefFields.actor(
                CefRecord.builder(ANTIVIRUS_UPDATE_REQUESTED, "Database update requested", 3).time(e.at()), e.actor())
                .customString(1, "Task", "anti-virus update on " + (e.nodeId() == null ? "every node" : e.nodeId()))
                .customString(2, "TaskId", e.requestId()).build());
    }
}
