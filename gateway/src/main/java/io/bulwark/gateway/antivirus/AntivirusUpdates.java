package io.bulwark.gateway.antivirus;

import io.bulwark.events.antivirus.AntivirusDatabase;
import io.bulwark.events.antivirus.AntivirusDatabaseUpdateFailedEvent;
import io.bulwark.events.antivirus.AntivirusDatabasesOutOfDateEvent;
import io.bulwark.events.antivirus.AntivirusDatabasesUpToDateEvent;
import io.bulwark.events.antivirus.AntivirusDatabasesUpdatedEvent;
import io.bulwark.events.antivirus.AntivirusUpdateResult;
import io.bulwark.scan.antivirus.signatures.ContainerInfo;
import io.bulwark.scan.antivirus.signatures.LoadReport;
import io.bulwark.scan.antivirus.signatures.SignatureDatabase;
import io.bulwark.scan.antivirus.signatures.SignatureEngine;
import io.bulwark.store.EventAppender;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's signature updates: on a schedule, at start and on an administrator's request, each
 * attempt recorded as an event with the databases in use afterwards; and a warning event when the
 * databases are older than the maximum age.
 *
 * <p>An update downloads and checks new containers into the database directory
 * ({@link SignatureUpdater}; without a mirror there is nothing to download and the directory is
 * only reloaded), then asks the engine to reload. The engine builds the new database beside the
 * one in use and swaps one reference: messages being scanned keep the database they started with,
 * new ones get the new one, and no message waits. A failure of any kind (mirror down, a container
 * whose signature does not verify, a load with errors, no permit) leaves the old databases in
 * use and is recorded as {@link AntivirusDatabaseUpdateFailedEvent}.
 *
 * <p>Changes an outside tool makes to the directory (freshclam, a dropped {@code .hdb}) are picked
 * up by the engine's own polling and recorded as {@link AntivirusDatabasesUpdatedEvent} with the
 * directory as the source.
 *
 * <p>Thread-safe: updates run one at a time on this object's own thread (requests are queued to
 * it), so neither a slow mirror nor a large load ever runs on a mail thread or on an event
 * processor's thread.
 */
public final class AntivirusUpdates implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AntivirusUpdates.class);

    private final String nodeId;
    private final SignatureEngine engine;
    private final SignatureUpdater updater;
    private final UpdatePermit permit;
    private final EventAppender appender;
    private final Clock clock;
    private final Duration maxAge;
    private final ScheduledExecutorService worker;
    private final Object lock = new Object();

    /**
     * @param updater the mirror's updater, or null when updates come only from the directory
     * @param maxAge  databases older than this raise {@link AntivirusDatabasesOutOfDateEvent}
     */
    public AntivirusUpdates(String nodeId, SignatureEngine engine, SignatureUpdater updater, UpdatePermit permit,
            EventAppender appender, Clock clock, Duration maxAge) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.updater = updater;
        this.permit = Objects.requireNonNull(permit, "permit");
        this.appender = Objects.requireNonNull(appender, "appender");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bulwark-antivirus-update");
            t.setDaemon(true);
            return t;
        });
        engine.addReloadListener(this::reloadedOutside);
    }

    /**
     * Runs an update now and then every {@code interval} (0: only now and on demand) on this
     * object's thread.
     */
    public void start(Duration interval) {
        if (updater != null && interval.isPositive()) {
            worker.scheduleWithFixedDelay(() -> runQuietly(null), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            worker.execute(() -> runQuietly(null));
        }
    }

    /** Queues an update for an administrator's request; it runs after any update in progress. */
    public CompletableFuture<AntivirusUpdateResult> request(String requestId) {
        return CompletableFuture.supplyAsync(() -> update(requestId), worker);
    }

    private void runQuietly(String requestId) {
        try {
            update(requestId);
        } catch (RuntimeException e) {
            log.warn("signature update failed", e);
        }
    }

    /**
     * One update, on the calling thread: permit, download (with a mirror), reload, event, age check.
     *
     * @param requestId the administrator's request, or null for a scheduled run
     */
    public AntivirusUpdateResult update(String requestId) {
        synchronized (lock) {
            String source = updater != null ? updater.source() : engine.directory().toUri().toString();
            Optional<String> refusal = permit.refusal();
            if (refusal.isPresent()) {
                return failed(source, "updates not permitted: " + refusal.get(), requestId);
            }
            SignatureDatabase before = engine.database();
            SignatureUpdater.Outcome outcome = updater != null ? updater.update()
                    : new SignatureUpdater.Outcome(List.of(), List.of(), null);
            try {
                engine.reloadIfChanged();
            } catch (RuntimeException e) {
                log.warn("reloading {} failed", engine.directory(), e);
                return failed(source, "reloading the databases failed: " + e.getMessage(), requestId);
            }
            SignatureDatabase after = engine.database();
            List<String> problems = new ArrayList<>(outcome.failures());
            engine.rejectedLoad().ifPresent(r -> problems.add("the new databases did not load, the previous ones"
                    + " stay in use: " + String.join("; ", r.errors())));
            AntivirusUpdateResult result;
            if (!problems.isEmpty()) {
                result = failed(source, String.join("; ", problems), requestId);
            } else if (after != before) {
                LoadReport report = after.report();
                List<String> updated = new ArrayList<>(outcome.installed());
                if (updated.isEmpty()) {
                    updated.addAll(changed(before.report(), report));
                }
                append(new AntivirusDatabasesUpdatedEvent(nodeId, source, databases(report), updated,
                        report.signatures(), report.newestPublished(), outcome.newestOffered(), requestId,
                        clock.instant()), null);
                log.info("signature databases updated from {}: {}", source, updated);
                result = AntivirusUpdateResult.UPDATED;
            } else {
                LoadReport report = after.report();
                append(new AntivirusDatabasesUpToDateEvent(nodeId, source, databases(report), report.signatures(),
                        report.newestPublished(), outcome.newestOffered(), requestId, clock.instant()), null);
                result = AntivirusUpdateResult.UP_TO_DATE;
            }
            checkAge();
            return result;
        }
    }

    /**
     * Records {@link AntivirusDatabasesOutOfDateEvent} when the newest container in use is older
     * than the maximum age: at most once per node and day (the event's id is derived from both).
     *
     * @return whether the databases are out of date
     */
    public boolean checkAge() {
        LoadReport report = engine.database().report();
        Instant published = report.newestPublished();
        if (published == null) {
            return false;
        }
        Instant now = clock.instant();
        Duration age = Duration.between(published, now);
        if (age.compareTo(maxAge) <= 0) {
            return false;
        }
        long maxDays = (maxAge.toSeconds() + 86_399) / 86_400;
        append(new AntivirusDatabasesOutOfDateEvent(nodeId, databases(report), report.signatures(), published,
                age.toDays(), maxDays, now), nodeId + ":antivirus-out-of-date:" + LocalDate.ofInstant(now, ZoneOffset.UTC));
        log.warn("signature databases are {} days old (newest published {}), more than {}", age.toDays(), published,
                maxAge);
        return true;
    }

    /** A swap the engine's own polling made (an outside tool changed the directory). */
    private void reloadedOutside(SignatureDatabase loaded) {
        if (Thread.holdsLock(lock)) {
            return; // an update of ours: update() records it
        }
        LoadReport report = loaded.report();
        append(new AntivirusDatabasesUpdatedEvent(nodeId, engine.directory().toUri().toString(), databases(report),
                List.copyOf(report.files().keySet()), report.signatures(), report.newestPublished(), null, null,
                clock.instant()), null);
    }

    private AntivirusUpdateResult failed(String source, String reason, String requestId) {
        LoadReport report = engine.database().report();
        append(new AntivirusDatabaseUpdateFailedEvent(nodeId, source, reason, databases(report), report.signatures(),
                report.newestPublished(), requestId, clock.instant()), null);
        log.warn("signature update from {} failed, the databases in use stay: {}", source, reason);
        checkAge();
        return AntivirusUpdateResult.FAILED;
    }

    /** The databases a report describes: each container with its header, each plain file with its count. */
    static List<AntivirusDatabase> databases(LoadReport report) {
        List<AntivirusDatabase> out = new ArrayList<>();
        for (Map.Entry<String, ContainerInfo> c : new java.util.TreeMap<>(report.headers()).entrySet()) {
            out.add(new AntivirusDatabase(c.getKey(), c.getValue().version(), c.getValue().signatures(),
                    c.getValue().published()));
        }
        new java.util.TreeMap<>(report.files()).forEach((name, count) -> {
            if (!name.contains("!")) {
                out.add(new AntivirusDatabase(name, 0, count, null));
            }
        });
        return out;
    }

    private static List<String> changed(LoadReport before, LoadReport after) {
        List<String> changed = new ArrayList<>();
        after.headers().forEach((name, info) -> {
            if (!info.equals(before.headers().get(name))) {
                changed.add(name);
            }
        });
        after.files().forEach((name, count) -> {
            if (!name.contains("!") && !count.equals(before.files().get(name))) {
                changed.add(name);
            }
        });
        return changed;
    }

    private void append(Object event, String key) {
        String id = key == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
        try {
            appender.append(List.of(new GenericEventMessage<>(id, event, Map.of(), clock.instant())))
                    .whenComplete((ok, failure) -> {
                        if (failure != null) {
                            log.warn("appending {} failed", event.getClass().getSimpleName(), failure);
                        }
                    });
        } catch (RuntimeException e) {
            log.warn("appending {} failed", event.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
