package io.bulwark.bench.jmh;

import io.bulwark.bench.SignatureBenchData;
import io.bulwark.scan.antivirus.signatures.SignatureDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The built-in signature engine with {@code patterns} generated body signatures and as many hash
 * signatures ({@link SignatureBenchData}):
 * <ul>
 *   <li>{@code scanMiB}: one 1 MiB object per operation (random bytes and text-like alternately,
 *       nothing matching), read once, hashed (MD5) and run through the anchor matcher (q-gram index
 *       or Aho-Corasick) with verification of every candidate: operations per second are MiB/s on
 *       one thread;</li>
 *   <li>{@code load}: building the database from the generated directory (single shot).</li>
 * </ul>
 * The data is generated into {@code dir} on the first run (about 10 MB for 100k patterns).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class SignatureEngineBenchmark {

    @Param({"100000"})
    public int patterns;

    @Param({"/tmp/bulwark-avbench"})
    public String dir;

    /** The anchor matcher: the default q-gram index, or the plain Aho-Corasick automaton. */
    @Param({"Q_GRAM", "AHO_CORASICK"})
    public String matcher;

    private SignatureDatabase database;
    private byte[][] objects;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path root = Path.of(dir, Integer.toString(patterns));
        if (!Files.exists(root.resolve("db/bench.ndb"))) {
            SignatureBenchData.generate(root, patterns, 8);
        }
        database = SignatureDatabase.load(root.resolve("db"), SignatureDatabase.Matcher.valueOf(matcher));
        Random random = new Random(7);
        objects = new byte[8][];
        for (int i = 0; i < objects.length; i++) {
            objects[i] = SignatureBenchData.object(random, i % 2 == 0);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 2, time = 3)
    @Measurement(iterations = 5, time = 3)
    public int scanMiB() throws IOException {
        byte[] o = objects[next++ & (objects.length - 1)];
        return database.scan(new ByteArrayInputStream(o), 25 << 20).size();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public SignatureDatabase load() {
        return SignatureDatabase.load(Path.of(dir, Integer.toString(patterns), "db"),
                SignatureDatabase.Matcher.valueOf(matcher));
    }
}
