package io.bulwark.bench.jmh;

import io.bulwark.admin.history.Sealer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * The history sealer's cost while no mail arrives (docs/history.md, ADR 0038): {@code messages}
 * recorded messages are stored and sealed once, then each shot runs {@value #PASSES} sealing passes
 * with nothing new, which is what the appliance's {@code history-sealer} thread does once per
 * {@code bulwark.history.seal-interval} (1 s) on an idle gateway. Printed: the sealing thread's CPU
 * per idle pass and the whole process's (the embedded store's threads answering the pass's reads
 * included). With the default interval, CPU per pass is CPU per second of idleness.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Daxon.axonserver.enabled=false"})
public class SealerIdleBenchmark {
    static final int PASSES = 200;

    /** Recorded messages (three events each) sealed before the idle passes. */
    @Param({"1000"})
    public int messages;

    private SealerFixture store;
    private Sealer sealer;

    @Setup(Level.Trial)
    public void open() throws Exception {
        store = new SealerFixture("bulwark-jmh-sealer-idle", messages, 23);
        sealer = store.sealer();
        SealerFixture.expectAllSealed(sealer.sealAvailable(), messages);
    }

    /** {@value #PASSES} passes with nothing to seal; returns what they sealed (0). */
    @Benchmark
    public long idlePasses() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long process = SealerFixture.processCpuNanos();
        long started = System.nanoTime();
        long sealed = 0;
        for (int i = 0; i < PASSES; i++) {
            sealed += sealer.sealAvailable();
        }
        double wall = (System.nanoTime() - started) / 1e3 / PASSES;
        double thread = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / PASSES;
        double whole = (SealerFixture.processCpuNanos() - process) / 1e3 / PASSES;
        System.out.printf("%nidle pass: %.0f µs wall, %.0f µs CPU in the sealing thread, %.0f µs in the whole process "
                + "(at seal-interval 1 s: %.3f%% of one core)%n", wall, thread, whole, whole / 1e6 * 100);
        return sealed;
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
    }
}
