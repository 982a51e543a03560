package io.bulwark.scan.pipeline;

import io.bulwark.events.scan.CheckOutcomeKind;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanSymbol;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.Prefetch;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.Symbol;
import io.bulwark.scan.SymbolRegistry;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the checks of the requested modules on one message: each after the checks it depends on,
 * independent ones in parallel (one virtual thread each), each under its time limit.
 *
 * <p>At construction the checks are validated and ordered: names unique, every dependency
 * installed, no cycle; a violation is an {@link IllegalStateException} naming the checks, so a
 * misconfigured node refuses to start instead of scanning wrongly. Per message, the checks of the
 * requested modules and, transitively, their dependencies (from any module) run.
 *
 * <p>Outcomes are always complete: a check that throws is FAILED with the exception's message, one
 * that reports an undeclared symbol is FAILED, one that overruns its limit is TIMED_OUT (its thread
 * is interrupted; a watchdog completes the result at the deadline whether or not the check
 * reacts, so a check stuck in a loop cannot hold the message). A message larger than a check's
 * size limit makes that check SKIPPED without running it.
 *
 * <p>Thread-safe; {@link #close()} stops its executors.
 */
public final class CheckPipeline implements AutoCloseable {
    /** The reference's per-module time limits (notes A.6, A.8). */
    public static final Map<ProtectionModule, Duration> DEFAULT_TIME_LIMITS = defaultTimeLimits();

    private final List<Check> ordered;
    private final Map<String, Check> byName;
    /** Each check's dependencies less the optional ones this node does not have, by check name. */
    private final Map<String, List<String>> installedDependencies;
    private final SymbolRegistry symbols;
    private final Map<ProtectionModule, Duration> timeLimits;
    private final ScanServices services;
    private final boolean prefetch;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService watchdog = newWatchdog();

    /**
     * One thread for every check's deadline. Cancelled deadlines leave its queue at once: the
     * default keeps a cancelled task until it would have fired (30 to 600 s), which under load is
     * one task held per check per message for that long.
     */
    private static ScheduledExecutorService newWatchdog() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                r -> {
                    Thread t = new Thread(r, "scan-watchdog");
                    t.setDaemon(true);
                    return t;
                });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** Deadlines waiting in the watchdog's queue (for tests and diagnostics). */
    int pendingDeadlines() {
        return ((ScheduledThreadPoolExecutor) watchdog).getQueue().size();
    }

    /**
     * @param checks     the installed checks
     * @param symbols    the registry built from them (with configured weights)
     * @param timeLimits per module; modules missing here use {@link #DEFAULT_TIME_LIMITS}
     * @param services   the node's shared services
     */
    public CheckPipeline(List<? extends Check> checks, SymbolRegistry symbols,
            Map<ProtectionModule, Duration> timeLimits, ScanServices services) {
        this(checks, symbols, timeLimits, services, true);
    }

    /**
     * @param prefetch whether {@link Check#prefetch(Prefetch)} is called at all (false: every
     *                 question is asked by the check's run, as it comes; for comparisons)
     */
    public CheckPipeline(List<? extends Check> checks, SymbolRegistry symbols,
            Map<ProtectionModule, Duration> timeLimits, ScanServices services, boolean prefetch) {
        this.prefetch = prefetch;
        this.byName = new LinkedHashMap<>();
        for (Check c : checks) {
            if (byName.put(c.name(), c) != null) {
                throw new IllegalStateException("two checks are named " + c.name());
            }
        }
        for (Check c : checks) {
            for (String dep : c.dependsOn()) {
                if (!byName.containsKey(dep) && !c.optionalDependencies().contains(dep)) {
                    throw new IllegalStateException("check " + c.name() + " depends on " + dep
                            + ", which is not installed");
                }
            }
            for (var d : c.symbols()) {
                if (!symbols.declares(c.name(), d.name())) {
                    throw new IllegalStateException("symbol " + d.name() + " of " + c.name()
                            + " is not in the symbol registry");
                }
            }
        }
        Map<String, List<String>> installed = new java.util.HashMap<>();
        for (Check c : checks) {
            installed.put(c.name(), c.dependsOn().stream().filter(byName::containsKey).toList());
        }
        this.installedDependencies = Map.copyOf(installed);
        this.ordered = topological(checks, installedDependencies);
        this.symbols = symbols;
        Map<ProtectionModule, Duration> limits = new EnumMap<>(DEFAULT_TIME_LIMITS);
        limits.putAll(timeLimits);
        this.timeLimits = Map.copyOf(limits);
        this.services = services;
    }

    /** Installed checks, dependencies first. */
    public List<Check> checks() {
        return ordered;
    }

    /** The modules that have at least one check. */
    public Set<ProtectionModule> modules() {
        Set<ProtectionModule> m = EnumSet.noneOf(ProtectionModule.class);
        ordered.forEach(c -> m.add(c.module()));
        return m;
    }

    /** The symbol registry in force. */
    public SymbolRegistry symbols() {
        return symbols;
    }

    /** Runs the checks of {@code modules} (and their dependencies) on one message. */
    public ScanResults scan(MessageView message, Envelope envelope, Set<ProtectionModule> modules) {
        return scan(message, envelope, modules, null);
    }

    /**
     * Starts a message's slow questions before its content has arrived: each check of
     * {@code modules} (and their dependencies) gets its {@link Check#prefetch(Prefetch)} call with
     * the envelope only, and the tasks it starts run concurrently on virtual threads. Pass the
     * returned handle to {@link #scan(MessageView, Envelope, Set, Early)} so that the scan uses the
     * same per-message DNS view, where the answers are waiting. A message refused before its scan
     * {@linkplain Early#cancel() cancels} the handle, so that its questions stop taking threads.
     */
    public Early prefetch(Envelope envelope, Set<ProtectionModule> modules) {
        Early early = new Early(services.forMessage());
        List<Check> selected = select(modules);
        early.onHeader = header -> early.submit(executor, () -> startPrefetches(selected, envelope, null,
                new MessageViewParser().parse(header), early));
        startPrefetches(selected, envelope, null, null, early);
        return early;
    }

    /**
     * Runs the checks of {@code modules} (and their dependencies) on one message, with the DNS view
     * of its {@link #prefetch(Envelope, Set) early start} when there was one ({@code early} may be
     * null). Before the checks run, each gets its {@link Check#prefetch(Prefetch)} call with the
     * message, so questions that only the content names (the author domain's DMARC record, DKIM
     * keys, link domains) are asked at once and concurrently, not after the checks they wait for.
     */
    public ScanResults scan(MessageView message, Envelope envelope, Set<ProtectionModule> modules, Early early) {
        long start = System.nanoTime();
        List<Check> selected = select(modules);
        if (selected.isEmpty()) {
            return new ScanResults(modules, List.of(), 0);
        }
        ScanFlightEvents.Scan flight = new ScanFlightEvents.Scan();
        flight.begin();
        ScanServices fresh = services.forMessage();
        if (early == null) {
            early = new Early(fresh);
        }
        // the early start's DNS view: the same memory of answers, and a budget nothing spent yet
        ScanServices perMessage = early.dns == null ? fresh : fresh.with(DnsLookup.class, early.dns);
        // the header fields go to the prefetches once: here, unless they came while the body arrived
        startPrefetches(selected, envelope, message, early.headerSeen ? null : message, early);
        Map<String, CompletableFuture<CheckRun>> futures = new ConcurrentHashMap<>();
        for (Check check : selected) {
            CompletableFuture<CheckRun> result = new CompletableFuture<>();
            CompletableFuture<?>[] deps = installedDependencies(check).stream().map(futures::get)
                    .toArray(CompletableFuture[]::new);
            futures.put(check.name(), result);
            CompletableFuture.allOf(deps).whenComplete((ignored, error) -> executor.execute(
                    () -> run(check, message, envelope, perMessage, futures, result)));
        }
        List<CheckRun> runs = new ArrayList<>(selected.size());
        for (Check check : selected) {
            runs.add(futures.get(check.name()).join());
        }
        if (flight.shouldCommit()) {
            flight.checks = runs.size();
            flight.commit();
        }
        return new ScanResults(modules, runs, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private void run(Check check, MessageView message, Envelope envelope, ScanServices perMessage,
            Map<String, CompletableFuture<CheckRun>> futures, CompletableFuture<CheckRun> result) {
        ScanFlightEvents.Check flight = new ScanFlightEvents.Check();
        flight.begin();
        long started = System.nanoTime();
        long maxBytes = check.limits().maxMessageBytes();
        if (maxBytes > 0 && message.rawSize() > maxBytes) {
            result.complete(new CheckRun(check, CheckResult.skipped("message of " + message.rawSize()
                    + " bytes is over the check's limit of " + maxBytes), List.of(), 0));
            return;
        }
        Duration limit = check.limits().timeLimit() != null ? check.limits().timeLimit()
                : timeLimits.get(check.module());
        Thread self = Thread.currentThread();
        ScheduledFuture<?> deadline = watchdog.schedule(() -> {
            CheckResult timedOut = new CheckResult(CheckOutcomeKind.TIMED_OUT, "timed out after " + format(limit),
                    List.of(), List.of(), null);
            if (result.complete(new CheckRun(check, timedOut, List.of(), limit.toMillis()))) {
                self.interrupt();
            }
        }, limit.toNanos(), TimeUnit.NANOSECONDS);
        CheckResult outcome;
        try {
            CheckContext context = new Context(check, message, envelope, perMessage, futures);
            outcome = check.run(context);
            if (outcome == null) {
                outcome = CheckResult.failed("the check returned no result");
            } else if (outcome.outcome() == CheckOutcomeKind.TIMED_OUT) {
                outcome = CheckResult.failed("the check reported TIMED_OUT itself");
            }
        } catch (InterruptedException e) {
            outcome = CheckResult.failed("interrupted");
        } catch (Exception | StackOverflowError e) {
            outcome = CheckResult.failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                    + e.getMessage()));
        } finally {
            deadline.cancel(false);
        }
        List<ScanSymbol> scored = new ArrayList<>();
        for (Symbol s : outcome.symbols()) {
            if (!symbols.declares(check.name(), s.name())) {
                outcome = CheckResult.failed("reported the undeclared symbol " + s.name());
                scored.clear();
                break;
            }
            scored.add(new ScanSymbol(s.name(), symbols.weight(s.name()) * s.factor(), s.reason(), s.parts()));
        }
        result.complete(new CheckRun(check, outcome, scored,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
        if (flight.shouldCommit()) {
            flight.check = check.name();
            flight.module = check.module().name();
            flight.outcome = outcome.outcome().name();
            flight.commit();
        }
        // a result completed by the watchdog first stays TIMED_OUT; clear our interrupt either way
        Thread.interrupted();
    }

    /**
     * A message's early start ({@link #prefetch(Envelope, Set)}): its per-message DNS view (a memory
     * of answers under the message's budget) and the prefetch tasks started for it. Thread-safe.
     */
    public static final class Early {
        private final ScanServices services;
        /** The message's DNS view, null when the node has no DNS service. */
        private final DnsLookup dns;
        private final Queue<Future<?>> tasks = new ConcurrentLinkedQueue<>();
        private volatile boolean headerSeen;
        private volatile boolean cancelled;
        private Consumer<byte[]> onHeader = header -> {
        };

        private Early(ScanServices perMessage) {
            this.services = perMessage;
            this.dns = perMessage.find(DnsLookup.class).orElse(null);
        }

        /**
         * The message's header block has arrived (its fields up to and including the empty line),
         * while its body still arrives: the checks' prefetches get it as {@link Prefetch#header()}
         * (DMARC's policy, DKIM keys), parsed on a thread of their own. Returns at once; call it at
         * most once; the bytes must not change afterwards.
         */
        public void header(byte[] headerBlock) {
            if (headerSeen) {
                return;
            }
            headerSeen = true;
            onHeader.accept(headerBlock);
        }

        /** Prefetch tasks started so far. */
        public int started() {
            return tasks.size();
        }

        /** Prefetch tasks started and not ended yet. */
        public int outstanding() {
            return (int) tasks.stream().filter(t -> !t.isDone()).count();
        }

        /** Waits until every task started so far has ended (for tests and measurements). */
        public void awaitStarted() {
            for (Future<?> task : tasks) {
                try {
                    task.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                    // a prefetch only saves time: its failure is the run's to report
                }
            }
        }

        /**
         * The message will not be scanned (refused, or its session ended): interrupts the prefetch
         * tasks still running and starts no more, so that a refused message's questions stop taking
         * threads and its checks' early evaluations stop. Idempotent; a scan after it still works,
         * asking what it needs itself.
         */
        public void cancel() {
            cancelled = true;
            for (Future<?> task : tasks) {
                task.cancel(true);
            }
        }

        private void submit(ExecutorService executor, Runnable task) {
            if (cancelled) {
                return;
            }
            try {
                Future<?> started = executor.submit(task);
                tasks.add(started);
                if (cancelled) {
                    started.cancel(true); // cancelled while it was being submitted
                }
            } catch (RejectedExecutionException e) {
                // the pipeline is closing: nothing to prefetch for
            }
        }
    }

    private void startPrefetches(List<Check> checks, Envelope envelope, MessageView message, MessageView header,
            Early early) {
        if (early.dns == null || !prefetch) {
            return; // nothing slow to start without DNS
        }
        DnsLookup unbudgeted = early.dns.unbudgeted();
        for (Check check : checks) {
            Prefetch context = new Prefetch() {
                @Override
                public Envelope envelope() {
                    return envelope;
                }

                @Override
                public Optional<MessageView> message() {
                    return Optional.ofNullable(message);
                }

                @Override
                public Optional<MessageView> header() {
                    return Optional.ofNullable(header);
                }

                @Override
                public DnsLookup dns() {
                    return unbudgeted;
                }

                @Override
                public <T> T service(Class<T> type) {
                    return early.services.get(type);
                }

                @Override
                public <T> Optional<T> find(Class<T> type) {
                    return early.services.find(type);
                }

                @Override
                public void start(Runnable task) {
                    early.submit(executor, task);
                }
            };
            try {
                check.prefetch(context);
            } catch (RuntimeException e) {
                // a prefetch only saves time: its run will ask again and report what goes wrong
            }
        }
    }

    /**
     * Runs every installed check once on a bundled sample message (HTML with links and a form, a
     * zip holding a text file and an OOXML document, a PDF, a DKIM signature, a Received hop), one
     * after the other on a platform thread, with DNS offline so nothing leaves the node.
     *
     * <p>Why: checks load heavy libraries lazily (ICU's spoof checker, jSPF, Tika, POI, jsoup,
     * Commons Compress). Left to the first messages, that happens on their virtual threads, and a
     * virtual thread waiting for a class initialiser that another one runs pins its carrier: with
     * two carriers, two such waits stopped a whole node on its first message. Loading everything
     * here, before the SMTP listener opens, removes that for every check, including ones added later.
     *
     * <p>Outcomes on the sample mean nothing (DNS is down on purpose); a check that throws here
     * throws again on mail, so the caller should log failures. A check that runs past
     * {@code limit} is left running on its daemon thread and the start-up goes on.
     *
     * @return the runs finished within {@code limit}, in execution order
     */
    public List<CheckRun> warmUp(Duration limit) {
        List<CheckRun> runs = Collections.synchronizedList(new ArrayList<>());
        Thread thread = new Thread(() -> warmUpOnThisThread(runs), "scan-warm-up");
        thread.setDaemon(true);
        thread.start();
        try {
            thread.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (runs) {
            return List.copyOf(runs);
        }
    }

    private void warmUpOnThisThread(List<CheckRun> runs) {
        byte[] raw;
        try (var in = CheckPipeline.class.getResourceAsStream("warm-up.eml")) {
            raw = in.readAllBytes();
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("the warm-up sample is missing from the scan module", e);
        }
        MessageView sample = new MessageViewParser().parse(raw);
        Envelope envelope = new Envelope("warm-up@bulwark.invalid", List.of("postmaster@bulwark.invalid"),
                "192.0.2.10", "warm-up.bulwark.invalid");
        ScanServices offline = services.with(io.bulwark.scan.dns.DnsLookup.class,
                io.bulwark.scan.dns.DnsLookup.offline("start-up warm-up: DNS is not asked")).forMessage();
        Map<String, CompletableFuture<CheckRun>> futures = new ConcurrentHashMap<>();
        for (Check check : ordered) {
            long started = System.nanoTime();
            CheckResult outcome;
            try {
                outcome = check.run(new Context(check, sample, envelope, offline, futures));
                if (outcome == null) {
                    outcome = CheckResult.failed("the check returned no result");
                }
            } catch (Exception | LinkageError | StackOverflowError e) {
                outcome = CheckResult.failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                        + e.getMessage()));
            }
            CheckRun run = new CheckRun(check, outcome, List.of(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            futures.put(check.name(), CompletableFuture.completedFuture(run));
            runs.add(run);
        }
    }

    /** The checks of the modules plus their transitive dependencies, in execution order. */
    private List<Check> select(Set<ProtectionModule> modules) {
        if (modules.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (Check c : ordered) {
            if (modules.contains(c.module())) {
                addWithDependencies(c, wanted);
            }
        }
        return ordered.stream().filter(c -> wanted.contains(c.name())).toList();
    }

    private void addWithDependencies(Check c, Set<String> into) {
        if (into.add(c.name())) {
            for (String dep : installedDependencies(c)) {
                addWithDependencies(byName.get(dep), into);
            }
        }
    }

    /**
     * The check's dependencies less the optional ones this node does not have (computed once at
     * construction: the scan asks for every check of every message, twice).
     */
    private List<String> installedDependencies(Check c) {
        return installedDependencies.get(c.name());
    }

    /**
     * Kahn's algorithm over the installed dependencies, stable in installation order; a cycle
     * names its members.
     */
    private static List<Check> topological(List<? extends Check> checks, Map<String, List<String>> dependencies) {
        List<Check> order = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        boolean progress = true;
        while (order.size() < checks.size() && progress) {
            progress = false;
            for (Check c : checks) {
                if (!done.contains(c.name()) && done.containsAll(dependencies.get(c.name()))) {
                    order.add(c);
                    done.add(c.name());
                    progress = true;
                }
            }
        }
        if (order.size() < checks.size()) {
            List<String> stuck = checks.stream().map(Check::name).filter(n -> !done.contains(n)).toList();
            throw new IllegalStateException("the dependencies of these checks form a cycle: " + stuck);
        }
        return List.copyOf(order);
    }

    private static Map<ProtectionModule, Duration> defaultTimeLimits() {
        Map<ProtectionModule, Duration> m = new EnumMap<>(ProtectionModule.class);
        m.put(ProtectionModule.ANTI_VIRUS, Duration.ofSeconds(180));
        m.put(ProtectionModule.ANTI_SPAM, Duration.ofSeconds(30));
        m.put(ProtectionModule.ANTI_PHISHING, Duration.ofSeconds(30));
        m.put(ProtectionModule.EXTERNAL_SANDBOX, Duration.ofSeconds(600));
        // not given by the reference: DNS-bound checks, 10 s per DNS answer (A.7), a few answers
        m.put(ProtectionModule.SENDER_AUTHENTICATION, Duration.ofSeconds(30));
        m.put(ProtectionModule.CONTENT_FILTERING, Duration.ofSeconds(180));
        return Map.copyOf(m);
    }

    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public void close() {
        executor.shutdownNow();
        watchdog.shutdownNow();
    }

    private record Context(Check check, MessageView message, Envelope envelope, ScanServices services,
            Map<String, CompletableFuture<CheckRun>> futures) implements CheckContext {
        @Override
        public CheckResult result(String name) {
            if (!check.dependsOn().contains(name)) {
                throw new IllegalArgumentException(check.name() + " did not declare a dependency on " + name);
            }
            CompletableFuture<CheckRun> run = futures.get(name);
            // only an optional dependency can be absent: the constructor refused the others
            return run == null ? CheckResult.skipped("check " + name + " is not installed") : run.join().result();
        }

        @Override
        public <T> T service(Class<T> type) {
            return services.get(type);
        }

        @Override
        public <T> Optional<T> find(Class<T> type) {
            return services.find(type);
        }
    }
}
