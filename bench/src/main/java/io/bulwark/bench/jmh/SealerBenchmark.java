package io.bulwark.bench.jmh;

import io.bulwark.admin.history.HistoryStore;
import io.bulwark.admin.history.Sealer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * The history sealer's cost (docs/history.md, ADR 0022): {@code messages} recorded messages (queued,
 * scanned, delivered: {@code 3 * messages} events, the scans with full reports) in the embedded
 * store (H2 file, as the appliance runs it), then one single shot seals them all from an empty
 * chain with the appliance's settings (batches of 1000, a signed Ed25519 checkpoint every 1000
 * indexes). Each shot prints events sealed per second and the sealing thread's CPU per event;
 * the chain is dropped before each shot.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Daxon.axonserver.enabled=false"})
public class SealerBenchmark {

    /** Recorded messages (three events each). */
    @Param({"10000"})
    public int messages;

    private SealerFixture store;

    @Setup(Level.Trial)
    public void open() throws Exception {
        store = new SealerFixture("bulwark-jmh-sealer", messages, 22);
    }

    @Setup(Level.Iteration)
    public void emptyChain() {
        for (String c : List.of(HistoryStore.CHAIN, HistoryStore.CHECKPOINTS, HistoryStore.HEAD)) {
            store.database.getCollection(c).drop();
        }
    }

    /** Seals every stored event from an empty chain; returns the indexes sealed. */
    @Benchmark
    public long sealAll() {
        Sealer sealer = store.sealer();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long process = SealerFixture.processCpuNanos();
        long started = System.nanoTime();
        long sealed = sealer.sealAvailable();
        double wall = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        SealerFixture.expectAllSealed(sealed, messages);
        double processSeconds = (SealerFixture.processCpuNanos() - process) / 1e9;
        System.out.printf("%nsealed %,d indexes in %.1f s: %,.0f events/s, %.0f µs CPU per event in the sealing thread, "
                + "%.0f µs in the whole process (the embedded store's threads included)%n",
                sealed, wall, sealed / wall, cpuSeconds * 1e6 / sealed, processSeconds * 1e6 / sealed);
        return sealed;
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
    }
}
