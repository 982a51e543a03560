package io.bulwark.gateway.scan;

import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageView;

import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the scanners of the requested modules on one message, in parallel, each on its own virtual
 * thread and under its own time limit, and collects a {@link ScanReport}.
 *
 * <p>Which modules run is the caller's choice: the policy asks only for modules that some
 * applicable rule switches on. A module without a registered scanner reports NOT_SCANNED. A
 * scanner that throws, returns nothing or a verdict of another module, or overruns its time limit
 * (it is then interrupted) reports ERROR with the reason; the rule's ERROR action, SKIP by
 * default, decides what follows (reference notes A.8). So the pipeline always returns a report,
 * whatever the scanners do.
 *
 * <p>Thread-safe; close it to stop its executor.
 */
public final class ScanPipeline implements AutoCloseable {
    private final Map<ProtectionModule, Scanner> scanners;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param scanners at most one per module
     * @throws IllegalArgumentException when two scanners claim the same module
     */
    public ScanPipeline(List<? extends Scanner> scanners) {
        Map<ProtectionModule, Scanner> byModule = new EnumMap<>(ProtectionModule.class);
        for (Scanner s : scanners) {
            if (byModule.put(s.module(), s) != null) {
                throw new IllegalArgumentException("two scanners for " + s.module());
            }
        }
        this.scanners = Map.copyOf(byModule);
    }

    /** The modules that have a scanner. */
    public Set<ProtectionModule> modules() {
        return scanners.keySet();
    }

    /** Scans the message with the given modules; the report has one verdict per requested module. */
    public ScanReport scan(MessageView message, Envelope envelope, Set<ProtectionModule> modules) {
        long start = System.nanoTime();
        Map<ProtectionModule, Future<ModuleVerdict>> running = new LinkedHashMap<>();
        Map<ProtectionModule, Long> deadlines = new EnumMap<>(ProtectionModule.class);
        List<ModuleVerdict> verdicts = new ArrayList<>();
        Map<ProtectionModule, Long> durations = new EnumMap<>(ProtectionModule.class);
        for (ProtectionModule module : ProtectionModule.values()) {
            if (!modules.contains(module)) {
                continue;
            }
            Scanner scanner = scanners.get(module);
            if (scanner == null) {
                verdicts.add(ModuleVerdict.of(module, ScanStatus.NOT_SCANNED, "no scanner installed for " + module));
                durations.put(module, 0L);
                continue;
            }
            running.put(module, executor.submit(() -> scanner.scan(message, envelope)));
            deadlines.put(module, start + scanner.timeLimit().toNanos());
        }
        for (Map.Entry<ProtectionModule, Future<ModuleVerdict>> e : running.entrySet()) {
            ProtectionModule module = e.getKey();
            Future<ModuleVerdict> future = e.getValue();
            ModuleVerdict verdict;
            try {
                long wait = Math.max(0, deadlines.get(module) - System.nanoTime());
                verdict = checked(module, future.get(wait, TimeUnit.NANOSECONDS));
            } catch (TimeoutException ex) {
                future.cancel(true);
                verdict = ModuleVerdict.of(module, ScanStatus.ERROR, "timed out after "
                        + format(scanners.get(module).timeLimit()));
            } catch (ExecutionException ex) {
                Throwable cause = ex.getCause();
                verdict = ModuleVerdict.of(module, ScanStatus.ERROR, "scanner failed: "
                        + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                future.cancel(true);
                verdict = ModuleVerdict.of(module, ScanStatus.ERROR, "scan interrupted");
            }
            verdicts.add(verdict);
            durations.put(module, TimeUnit.NANOSECONDS.toMillis(Math.min(System.nanoTime(), deadlines.get(module)) - start));
        }
        verdicts.sort((a, b) -> a.module().compareTo(b.module()));
        return new ScanReport(verdicts, durations, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private static ModuleVerdict checked(ProtectionModule module, ModuleVerdict verdict) {
        if (verdict == null) {
            return ModuleVerdict.of(module, ScanStatus.ERROR, "scanner returned no verdict");
        }
        if (verdict.module() != module) {
            return ModuleVerdict.of(module, ScanStatus.ERROR, "scanner returned a verdict of " + verdict.module());
        }
        return verdict;
    }

    private static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
