package io.bulwark.bench.jmh;

import io.bulwark.admin.audit.AuditLogProjection;
import io.bulwark.admin.audit.internal.BucketedLog;
import io.bulwark.events.audit.AuditEntriesPage;
import io.bulwark.events.audit.AuditEntryView;
import io.bulwark.events.audit.FindAuditEntriesQuery;
import io.bulwark.store.StoreConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
 * The audit log at a million entries on the embedded store (issue 14: "paging that stays fast at a
 * million entries"): how long one page takes, as the API and the console ask for it.
 *
 * <p>The trial set-up opens the store as the appliance does (embedded server on an H2 file) and
 * fills the audit log with {@code entries} synthetic entries over 30 days (logins 70 %, failed
 * logins 10 %, rule edits 15 %, other 5 %; three users, 40 rule names), in chunks of one bucket,
 * through the projection's own row builder and log. With {@code -p dir=/some/dir} the filled store
 * is kept and reused.
 *
 * <ul>
 *   <li>{@code firstPage}: the newest 50 entries, no filter (the console's first screen);</li>
 *   <li>{@code deepPage}: 50 entries at offset 500,000;</li>
 *   <li>{@code byType}: failed logins only, first page, with the total count;</li>
 *   <li>{@code bySubjectAndText}: one user's edits of rules named "Sales ...";</li>
 *   <li>{@code oneDay}: one day in the middle of the range, all filters off but time.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Daxon.axonserver.enabled=false"})
public class AuditLogBenchmark {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final long SPAN_SECONDS = 30L * 24 * 3600;

    /** Audit entries before measuring. */
    @Param({"1000000"})
    public int entries;

    /** Store directory; empty for a fresh temporary one (deleted after the run). */
    @Param({""})
    public String dir;

    private Path directory;
    private boolean temporary;
    private StoreConnection connection;
    private AuditLogProjection projection;

    @Setup(Level.Trial)
    public void open() throws Exception {
        temporary = dir.isBlank();
        directory = temporary ? Files.createTempDirectory("bulwark-jmh-audit") : Path.of(dir);
        connection = StoreConnection.embedded(directory.resolve("bulwark.mv"), false);
        projection = new AuditLogProjection(connection.client().getDatabase("bulwark"));
        BucketedLog log = projection.log();
        SplittableRandom random = new SplittableRandom(7);
        long have = log.size();
        List<BucketedLog.NewRow> chunk = new ArrayList<>();
        for (long i = have; i < entries; i++) {
            Instant at = START.plusSeconds(SPAN_SECONDS * i / entries);
            chunk.add(AuditLogProjection.row("bench-" + i, at, entry(i, at, random)));
            if (chunk.size() == BucketedLog.BUCKET || i == entries - 1) {
                log.append(chunk);
                chunk.clear();
            }
        }
    }

    private static AuditEntryView entry(long i, Instant at, SplittableRandom random) {
        String user = new String[] {"alice", "bob", "carol"}[random.nextInt(3)];
        String address = "192.0.2." + (1 + random.nextInt(40));
        int kind = random.nextInt(100);
        if (kind < 70) {
            return new AuditEntryView(i, at, "Login", "Auth", user, "ADMINISTRATOR", address, "account " + user,
                    AuditEntryView.SUCCESS, "Console login", List.of(), "bench-" + i);
        }
        if (kind < 80) {
            return new AuditEntryView(i, at, "LoginFailed", "Auth", user, "ADMINISTRATOR", address, "account " + user,
                    AuditEntryView.FAILURE, "Console login failed: wrong password", List.of(), "bench-" + i);
        }
        if (kind < 95) {
            String rule = new String[] {"Sales", "Support", "Finance", "Legal"}[random.nextInt(4)] + " "
                    + random.nextInt(10);
            String object = "rule \"" + rule + "\" (r-" + rule.hashCode() + ")";
            return new AuditEntryView(i, at, "RuleEdited", "Rules", user, "ADMINISTRATOR", address, object,
                    AuditEntryView.SUCCESS, "Edited " + object,
                    List.of(new AuditEntryView.SettingChange("mode", "SCAN", "SKIP_WITHOUT_SCANNING")), "bench-" + i);
        }
        return new AuditEntryView(i, at, "MessageHeld", "Queue", user, "HELPDESK", address, "message q" + i,
                AuditEntryView.SUCCESS, "Held message q" + i, List.of(), "bench-" + i);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        connection.close();
        if (temporary) {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private AuditEntriesPage find(Instant from, Instant to, List<String> types, String subject, String text,
            int offset) {
        return projection.find(new FindAuditEntriesQuery(from, to, types, subject, null, text, true, offset, 50));
    }

    @Benchmark
    public AuditEntriesPage firstPage() {
        return find(null, null, null, null, null, 0);
    }

    @Benchmark
    public AuditEntriesPage deepPage() {
        return find(null, null, null, null, null, 500_000);
    }

    @Benchmark
    public AuditEntriesPage byType() {
        return find(null, null, List.of("LoginFailed"), null, null, 0);
    }

    @Benchmark
    public AuditEntriesPage bySubjectAndText() {
        return find(null, null, null, "carol", "sales", 0);
    }

    @Benchmark
    public AuditEntriesPage oneDay() {
        Instant day = START.plusSeconds(SPAN_SECONDS / 2);
        return find(day, day.plusSeconds(24 * 3600), null, null, null, 0);
    }
}
