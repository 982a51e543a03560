package io.bulwark.admin.cef;

import io.bulwark.admin.cef.syslog.SyslogConnection;
import io.bulwark.admin.cef.syslog.SyslogConnections;
import io.bulwark.admin.cef.syslog.SyslogFacility;
import io.bulwark.admin.cef.syslog.SyslogMessage;
import io.bulwark.admin.cef.syslog.SyslogTarget;
import io.bulwark.events.cef.CefExportSettingsChangedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CEF export: a tracking processor ({@value #PROCESSING_GROUP}, its token in the token store)
 * over every event, turning those the {@link CefMappingTable} maps into CEF:0 records in RFC 5424
 * syslog messages and sending them to the target in force ({@link CefSettingsSource}).
 *
 * <p>At least once: records are written as the batch goes, and at the batch's last event the
 * connection is confirmed ({@link SyslogConnection#confirm()}: flush, then a probe that the target
 * did not close the connection). Any failure (connect, TLS, write, probe) is thrown; the processor's
 * listener error handler propagates it, so the unit of work rolls back, the token stays before the
 * batch, and Axon's tracking processor retries the whole batch with its back-off (1 s doubling to 60
 * s). Records already written of a failed batch are sent again: duplicates are possible, losses
 * (within the protocol's limits, docs/cef.md) are not; {@code externalId} is the event's id, so a
 * SIEM can drop duplicates. A restart resumes from the stored token.
 *
 * <p>Mail is never blocked: the gateway appends its events and goes on; this processor only reads
 * them, on its own thread, at its own pace. While the export is disabled the token still advances,
 * so enabling it later does not send the history.
 *
 * <p>One instance per node; its processing thread is the only caller of the handler.
 */
@ProcessingGroup(CefExporter.PROCESSING_GROUP)
public class CefExporter implements AutoCloseable {
    /** Processing group and processor name. */
    public static final String PROCESSING_GROUP = "cef-export";
    private static final Logger log = LoggerFactory.getLogger(CefExporter.class);

    private final CefMappingTable table;
    private final CefFormatter formatter;
    private final CefSettingsSource settings;
    private final SyslogConnections connections;
    private final CefExportHealth health;
    private final String nodeId;

    private SyslogConnection connection;
    private SyslogTarget connectedTo;
    private int pending;

    public CefExporter(CefMappingTable table, CefFormatter formatter, CefSettingsSource settings,
            SyslogConnections connections, CefExportHealth health, String nodeId) {
        this.table = table;
        this.formatter = formatter;
        this.settings = settings;
        this.connections = connections;
        this.health = health;
        this.nodeId = nodeId;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        if (payload instanceof CefExportSettingsChangedEvent) {
            settings.invalidate();
        }
        CefExportSettings current = settings.current();
        try {
            if (current.enabled()) {
                byte[] syslog = syslogMessage(payload, message, current);
                if (syslog != null) {
                    connection(current.target()).send(syslog);
                    pending++;
                }
            }
            if (lastOfBatch() && connection != null) {
                connection.confirm();
                health.confirmed(connectedTo.toString(), pending);
                pending = 0;
            }
        } catch (IOException e) {
            fail(current, e);
            throw new UncheckedIOException("CEF export to " + current.targetText() + " failed: " + e.getMessage(), e);
        }
    }

    /** The RFC 5424 message of an event, or null when its type is not exported (or its mapper failed). */
    byte[] syslogMessage(Object payload, EventMessage<?> message, CefExportSettings current) {
        Optional<CefMappingTable.Mapped> mapped;
        try {
            mapped = table.map(payload);
        } catch (RuntimeException e) {
            // A mapper bug must not stop the export for good: the event is logged and left out.
            log.error("CEF export: no record for event {} ({}): {}", message.getIdentifier(),
                    payload.getClass().getName(), e.toString());
            return null;
        }
        if (mapped.isEmpty()) {
            return null;
        }
        CefRecord record = complete(mapped.get().record(), message);
        return SyslogMessage.rfc5424(SyslogFacility.code(current.facility()), record.severity(), record.time(),
                nodeId, mapped.get().group().msgId(), formatter.format(record));
    }

    /** Adds what every record carries: {@code rt}, {@code externalId} (the event id), {@code dvchost}. */
    CefRecord complete(CefRecord record, EventMessage<?> message) {
        Instant time = record.time() != null ? record.time() : message.getTimestamp();
        Map<String, String> extension = new LinkedHashMap<>();
        extension.put("rt", Long.toString(time.toEpochMilli()));
        extension.putAll(record.extension());
        extension.put("externalId", message.getIdentifier());
        extension.putIfAbsent("dvchost", nodeId);
        return new CefRecord(record.classId(), record.name(), record.severity(), time, extension);
    }

    private SyslogConnection connection(SyslogTarget target) throws IOException {
        if (connection != null && !target.equals(connectedTo)) {
            closeConnection();
        }
        if (connection == null) {
            connection = connections.open(target);
            connectedTo = target;
            pending = 0;
        }
        return connection;
    }

    private void fail(CefExportSettings current, IOException e) {
        closeConnection();
        settings.invalidate();
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        health.failed(current.targetText(), reason);
        log.warn("CEF export to {} failed ({}); the batch is retried", current.targetText(), reason);
    }

    private void closeConnection() {
        if (connection != null) {
            connection.close();
        }
        connection = null;
        connectedTo = null;
        pending = 0;
    }

    private static boolean lastOfBatch() {
        return !CurrentUnitOfWork.isStarted()
                || !(CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch)
                || batch.isLastMessage();
    }

    @Override
    public void close() {
        closeConnection();
    }
}
