package io.bulwark.console.audit;

import io.bulwark.admin.audit.AuditCsv;
import io.bulwark.events.audit.AuditEntriesPage;
import io.bulwark.events.audit.EventLogPage;
import io.bulwark.events.audit.FindAuditEntriesQuery;
import io.bulwark.events.audit.FindAuditTypesQuery;
import io.bulwark.events.audit.FindEventLogQuery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * The console's access to the audit log and the event log, through Axon's query gateway (the
 * console never reads the projections' storage). Stateless and thread-safe.
 */
@Component
public class AuditClient {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final QueryGateway queryGateway;

    public AuditClient(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /** One page of audit entries and the number of all matches. */
    public AuditEntriesPage find(FindAuditEntriesQuery query) {
        return await(queryGateway.query(query, AuditEntriesPage.class));
    }

    /** The audit log's event types, for the type filter. */
    public List<String> types() {
        return await(queryGateway.query(new FindAuditTypesQuery(), ResponseTypes.multipleInstancesOf(String.class)));
    }

    /** One page of the event log and the number of all matches. */
    public EventLogPage find(FindEventLogQuery query) {
        return await(queryGateway.query(query, EventLogPage.class));
    }

    /** Every audit entry matching the filters as CSV ({@link AuditCsv}), UTF-8. */
    public byte[] csv(FindAuditEntriesQuery filters) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            AuditCsv.write(writer, filters, this::find);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AuditUnavailableException(e);
        }
    }

    /** The log could not be read. */
    public static class AuditUnavailableException extends RuntimeException {
        AuditUnavailableException(Throwable cause) {
            super("The log is unavailable: " + cause.getMessage(), cause);
        }
    }
}
