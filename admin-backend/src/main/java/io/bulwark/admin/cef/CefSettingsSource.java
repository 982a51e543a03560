package io.bulwark.admin.cef;

import io.bulwark.events.cef.CefExportIds;
import io.bulwark.events.cef.CefExportSettingsChangedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * The settings in force <em>now</em>, for the exporter: the last {@link CefExportSettingsChangedEvent}
 * of the settings stream (one indexed read of a short stream), or the properties when there is none.
 *
 * <p>Why not the exporter's own position in the event stream: an exporter stuck on an unreachable
 * target would never reach the change that points it elsewhere. So it reads the newest settings on
 * every attempt, cached for {@link #MAX_AGE} and re-read at once after a failure or a change made
 * through this node.
 *
 * <p>Thread-safe.
 */
public class CefSettingsSource {
    /** How long a read is reused; a change made on another admin node is seen after at most this. */
    static final Duration MAX_AGE = Duration.ofSeconds(2);

    private final EventStore eventStore;
    private final CefExportSettings defaults;
    private final Clock clock;
    private volatile Cached cached;

    private record Cached(CefExportSettings settings, Instant readAt) {
    }

    public CefSettingsSource(EventStore eventStore, CefExportProperties properties, Clock clock) {
        this.eventStore = eventStore;
        this.defaults = properties.settings();
        this.clock = clock;
    }

    /** The settings in force. */
    public CefExportSettings current() {
        Cached c = cached;
        Instant now = clock.instant();
        if (c != null && now.isBefore(c.readAt().plus(MAX_AGE))) {
            return c.settings();
        }
        CefExportSettings settings = read();
        cached = new Cached(settings, now);
        return settings;
    }

    /** Forgets the cached read: the next {@link #current()} reads the store. */
    public void invalidate() {
        cached = null;
    }

    private CefExportSettings read() {
        CefExportSettingsChangedEvent last = null;
        DomainEventStream stream = eventStore.readEvents(CefExportIds.AGGREGATE_ID);
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof CefExportSettingsChangedEvent changed) {
                last = changed;
            }
        }
        return last == null ? defaults : CefExportSettings.of(last.enabled(), last.target(), last.facility());
    }
}
