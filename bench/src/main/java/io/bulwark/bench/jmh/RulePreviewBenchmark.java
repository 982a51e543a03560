package io.bulwark.bench.jmh;

import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.events.message.MessageQueuedEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.GlobalListsView;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.RecipientGroupDecision;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.policy.ImpactPreview;
import io.bulwark.store.EventsSince;
import io.bulwark.store.MongoEventAppender;
import io.bulwark.store.MongoEventStorageEngine;
import io.bulwark.store.SignallingEventStore;
import io.bulwark.store.StoreConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The rule-change impact preview over {@code messages} recorded messages (100,000 by default), in
 * its two parts (docs/history.md, "Rule-change impact preview"):
 * <ul>
 *   <li>{@code decide}: {@link ImpactPreview} over the messages' {@link MessageScannedEvent}s held
 *       in memory: the gateway's decision run twice per message (rule list as it is, and with the
 *       edited Default rule), grouping and SMTP resolution included;</li>
 *   <li>{@code readFromStore}: the same scans read back from the embedded store (H2 file, as the
 *       appliance runs it) with {@link EventsSince}, between the other lifecycle events of each
 *       message (queued, delivered), so the read passes {@code 3 * messages} events.</li>
 * </ul>
 * A preview costs about their sum. Single shots (one preview is one interactive request); the
 * store is filled once per trial, which takes a minute or two.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Daxon.axonserver.enabled=false"})
public class RulePreviewBenchmark {

    /** Recorded messages. */
    @Param({"100000"})
    public int messages;

    private Path directory;
    private StoreConnection connection;
    private MongoEventStorageEngine engine;
    private SignallingEventStore eventStore;
    private MongoEventAppender appender;
    private Instant since;
    private List<MessageScannedEvent> scans;
    private List<RuleEntry> rules;
    private RuleEntry edited;

    @Setup(Level.Trial)
    public void open() throws Exception {
        rules = RulePresets.initialRules();
        RuleEntry def = rules.stream().filter(r -> r.kind() == RuleKind.DEFAULT).findFirst().orElseThrow();
        RuleDefinition d = def.definition();
        edited = def.withDefinition(d.withModule(ProtectionModule.ANTI_SPAM,
                d.module(ProtectionModule.ANTI_SPAM).with(ScanStatus.PROBABLE_SPAM,
                        new StatusAction(Action.REJECT, true, ""))));
        scans = new ArrayList<>(messages);
        SplittableRandom random = new SplittableRandom(15);
        since = Instant.now().minus(Duration.ofMinutes(1));
        for (int i = 0; i < messages; i++) {
            scans.add(scanned(i, random));
        }
        directory = Files.createTempDirectory("bulwark-jmh-preview");
        connection = StoreConnection.embedded(directory.resolve("bulwark.mv"), false);
        engine = MongoEventStorageEngine.builder()
                .database(connection.client().getDatabase("bulwark"))
                .durabilityBarrier(connection.durabilityBarrier())
                .build();
        eventStore = SignallingEventStore.create(EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(1000));
        appender = new MongoEventAppender(engine, eventStore::signalNewEvents, 20_000, 500).start();
        long started = System.nanoTime();
        storeMail(appender, scans);
        System.out.printf("stored %,d events in %.0f s%n", 3L * messages, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Stores each scan as a message's lifecycle in global order (queued, scanned, delivered), in
     * batches of 100 messages with up to 40 batches in flight, as the gateway's appender sees them.
     */
    static void storeMail(MongoEventAppender appender, List<MessageScannedEvent> scans) throws Exception {
        Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        for (int i = 0; i < scans.size(); i += 100) {
            List<EventMessage<?>> batch = new ArrayList<>();
            for (MessageScannedEvent s : scans.subList(i, Math.min(scans.size(), i + 100))) {
                batch.add(GenericEventMessage.asEventMessage(new MessageQueuedEvent(s.message(), "INCOMING", s.at())));
                batch.add(GenericEventMessage.asEventMessage(s));
                batch.add(GenericEventMessage.asEventMessage(new MessageDeliveredEvent(s.message(), "mx.corp.example",
                        "250 2.0.0 Ok", s.at())));
            }
            inFlight.add(appender.append(batch));
            if (inFlight.size() >= 40) {
                inFlight.poll().get(60, TimeUnit.SECONDS);
            }
        }
        for (CompletableFuture<Void> f : inFlight) {
            f.get(60, TimeUnit.SECONDS);
        }
    }

    static MessageScannedEvent scanned(int i, SplittableRandom random) {
        ScanStatus[] spam = {ScanStatus.NOT_SPAM, ScanStatus.NOT_SPAM, ScanStatus.PROBABLE_SPAM, ScanStatus.SPAM};
        List<ModuleVerdict> verdicts = List.of(
                ModuleVerdict.of(ProtectionModule.ANTI_VIRUS, random.nextInt(50) == 0 ? ScanStatus.INFECTED : ScanStatus.CLEAN),
                ModuleVerdict.of(ProtectionModule.ANTI_SPAM, spam[random.nextInt(spam.length)], "BAYES_SPAM (3.5)",
                        "RBL_LISTED (2.0)"),
                ModuleVerdict.of(ProtectionModule.ANTI_PHISHING, ScanStatus.CLEAN),
                ModuleVerdict.of(ProtectionModule.SENDER_AUTHENTICATION, ScanStatus.PASS, "spf=pass", "dkim=pass"));
        List<String> rcpts = random.nextInt(4) == 0
                ? List.of("user" + (i % 500) + "@corp.example", "team" + (i % 50) + "@corp.example")
                : List.of("user" + (i % 500) + "@corp.example");
        Map<ProtectionModule, Long> durations = new EnumMap<>(ProtectionModule.class);
        verdicts.forEach(v -> durations.put(v.module(), 3L));
        String queueId = "Q" + Integer.toString(i, 36) + "PREVIEW";
        return new MessageScannedEvent(new MessageRef(queueId, queueId + "@bench.example", "sender" + (i % 997)
                + "@remote.example", rcpts, 20_480, "198.51.100." + (i % 250), "bench"),
                new ScanReport(verdicts, durations, 12), List.of(new RecipientGroupDecision("default", "Default",
                        rcpts, Action.SKIP, Action.SKIP, List.of(), false, List.of(), List.of(), verdicts)),
                false, Instant.now());
    }

    /** The decision part of a preview over every recorded message; returns the changed count. */
    @Benchmark
    public int decide() {
        ImpactPreview preview = new ImpactPreview(rules, edited, GlobalListsView.empty(), 20);
        scans.forEach(preview::add);
        return preview.result().changed();
    }

    /** The read part: every recorded scan since the start of the fill, from the embedded store. */
    @Benchmark
    public long readFromStore() {
        long read = EventsSince.forEach(engine, since, MessageScannedEvent.class, s -> true);
        if (read != messages) {
            throw new IllegalStateException("read " + read + " scans, stored " + messages);
        }
        return read;
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        appender.close();
        eventStore.shutDown();
        engine.close();
        connection.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
