package io.bulwark.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of the harness, seconds long, loopback only: the pieces work together against our
 * own sink; no gateway and no peers are involved (those are the full benchmark's job).
 */
@Timeout(60)
class BenchSmokeTest {
    private static final CorpusBuilder.SizeMix SMALL = new CorpusBuilder.SizeMix(1024, 64 * 1024, 0, 0);

    @TempDir
    Path tmp;

    @Test
    void loadGeneratorDeliversEveryMessageToTheSinkWithPipelining() throws Exception {
        Path corpus = tmp.resolve("corpus");
        CorpusBuilder.buildMixed(corpus, 20, 7, SMALL, 10, null, 0);
        // Lines that start with a dot, and one that is a lone dot: if stuffing were wrong the
        // sink would end the message early and the replies would no longer line up.
        Files.writeString(corpus.resolve("m-zzzzzz.eml"),
                "From: a@example.com\nTo: b@example.com\nSubject: dots\n\n.leading dot\n.\n..two\nend\n");
        Corpus c = Corpus.load(corpus, 0, 100);
        assertEquals(21, c.size());
        try (SinkServer sink = SinkServer.start("127.0.0.1", 0)) {
            LoadGenerator.Result r = new LoadGenerator(LoadGenerator.Config.count("127.0.0.1", sink.port(), 5, 50), c).run();
            assertEquals(50, r.attempted());
            assertEquals(50, r.ok());
            assertEquals(Map.of("2xx", 50L), r.outcomes());
            assertEquals(5, r.sessionsWithPipelining());
            assertEquals(50, r.dotToReply().getTotalCount());
            SinkServer.Stats s = SinkServer.query("127.0.0.1", sink.port());
            assertEquals(50, s.messages());
            // the sink counts body bytes without the terminating ".\r\n"
            assertEquals(r.bytes() - 3L * 50, s.bytes());

            LoadGenerator.Config noPipe = new LoadGenerator.Config("127.0.0.1", sink.port(), 2, 10, null,
                    Duration.ofSeconds(30), "x@bench.example", "example.com", false, 3);
            LoadGenerator.Result r2 = new LoadGenerator(noPipe, c).run();
            assertEquals(10, r2.ok());
            assertEquals(0, r2.sessionsWithPipelining());
            assertEquals(60, sink.stats().messages());
        }
    }

    @Test
    void durationBoundStopsTheRun() throws Exception {
        Path corpus = tmp.resolve("c");
        CorpusBuilder.buildFixed(corpus, 3, 1, 2048);
        try (SinkServer sink = SinkServer.start("127.0.0.1", 0)) {
            LoadGenerator.Config cfg = new LoadGenerator.Config("127.0.0.1", sink.port(), 2, LoadGenerator.MAX_MESSAGES,
                    Duration.ofMillis(300), Duration.ofSeconds(20), "x@bench.example", "example.com", true, 5);
            LoadGenerator.Result r = new LoadGenerator(cfg, Corpus.load(corpus, 0, 3)).run();
            assertTrue(r.wallSeconds() < 10, "stopped near the duration");
            assertTrue(r.ok() > 0);
        }
    }

    @Test
    void wireFormIsCrLfDotStuffedAndTerminated() {
        byte[] wire = Corpus.toWire("From x  Mon\nA: b\n\n.x\n..y\nz\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("A: b\r\n\r\n..x\r\n...y\r\nz\r\n.\r\n", new String(wire, StandardCharsets.US_ASCII));
    }

    @Test
    void generatedCorpusIsDeterministicAndCarriesEicar() {
        assertArrayEquals(CorpusBuilder.mixed(3, 17, 2, CorpusBuilder.SizeMix.standard()),
                CorpusBuilder.mixed(3, 17, 2, CorpusBuilder.SizeMix.standard()));
        String m = new String(CorpusBuilder.message(1, 0, CorpusBuilder.Kind.EICAR, 4096), StandardCharsets.ISO_8859_1);
        assertTrue(m.contains(Base64.getMimeEncoder().encodeToString(CorpusBuilder.eicar())));
        assertEquals(68, CorpusBuilder.eicar().length);
        long size = 200 * 1024;
        int actual = CorpusBuilder.fixedSize(1, 0, size).length;
        assertTrue(Math.abs(actual - size) < 4096, "fixed size near target, was " + actual);
    }

    @Test
    void spamAssassinImportTakesOnlyTheDevelopmentGroups() throws Exception {
        Path data = tmp.resolve("pkg/data");
        write(data.resolve("easy-ham-1"), 3);
        write(data.resolve("spam-1"), 2);
        write(data.resolve("hard-ham-1"), 130);
        write(data.resolve("easy-ham-2"), 2);
        write(data.resolve("spam-2"), 2);
        Path found = CorpusBuilder.spamAssassinData(tmp.resolve("pkg"));
        assertEquals(data, found);
        Path out = tmp.resolve("mixed");
        int n = CorpusBuilder.buildMixed(out, 4, 1, SMALL, 0, found, Integer.MAX_VALUE);
        assertEquals(4 + 3 + 2 + 125, n);
        String index = Files.readString(out.resolve("index.tsv"));
        assertFalse(index.contains("easy-ham-2") || index.contains("spam-2"), "reserved groups never used");
        assertTrue(index.contains("hard-ham-1/00124.txt"));
        assertFalse(index.contains("hard-ham-1/00125.txt"), "only the first 125 of hard-ham-1");
        // the mbox separator line is gone
        for (Path p : Corpus.files(out)) {
            assertFalse(Files.readString(p, StandardCharsets.ISO_8859_1).startsWith("From "));
        }
    }

    private static void write(Path group, int n) throws Exception {
        Files.createDirectories(group);
        for (int i = 0; i < n; i++) {
            String name = String.format("%05d", i);
            Files.writeString(group.resolve(name + ".txt"), "From x@example.com  Thu Aug 22 13:17:22 2002\n"
                    + "Subject: " + group.getFileName() + " " + i + "\n\nbody\n");
            Files.writeString(group.resolve(name + ".json"), "{}");
        }
    }

    @Test
    void procStatsReadsTheCurrentProcess() {
        int self = (int) ProcessHandle.current().pid();
        long x = 0;
        for (int i = 0; i < 20_000_000; i++) {
            x += i ^ (x >>> 3); // burn a little CPU so the counter moves
        }
        ProcStats.Tree t = ProcStats.tree(List.of(self));
        assertTrue(t.pids().contains(self));
        assertTrue(t.cpuMillis() > 0, "cpu " + t.cpuMillis() + " " + x);
        assertTrue(t.rssKb() > 1024);
        assertTrue(t.hwmKb() >= t.rssKb() / 2);
        long[] m = ProcStats.machineMillis();
        assertTrue(m[0] > 0 && m[1] >= 0 && m[1] <= m[0]);
        assertTrue(ProcStats.treePids(List.of(Integer.MAX_VALUE - 1)).isEmpty());
    }

    @Test
    void idleSessionsAreHeldBySink() throws Exception {
        try (SinkServer sink = SinkServer.start("127.0.0.1", 0)) {
            IdleSessions.Result r = IdleSessions.run("127.0.0.1", sink.port(), 30, Duration.ofMillis(200), 10, null);
            assertEquals(30, r.greeted());
            assertEquals(30, r.held());
        }
    }

    @Test
    void reportRendersTablesAndChartFromTinyJsonl() throws Exception {
        Path jsonl = tmp.resolve("r.jsonl");
        Json.append(jsonl, new LinkedHashMap<>(Map.of("type", "meta", "label", "test",
                "systems", List.of("postfix", "postfix+rspamd", "bulwark"), "bulwark_heap", "1g")));
        double[][] tput = {{300, 310, 290}, {100, 95, 105}, {900, 1000, 950}};
        double[][] cpu = {{5.6, 5.5, 5.7}, {17.7, 18, 17.5}, {4.0, 4.2, 3.9}};
        String[] sys = {"postfix", "postfix+rspamd", "bulwark"};
        for (int rep = 0; rep < 3; rep++) {
            for (int s = 0; s < 3; s++) {
                Json.append(jsonl, load("main", sys[s], rep, 20, 0, tput[s][rep], cpu[s][rep], 5 + s));
                Json.append(jsonl, load("latency", sys[s], rep, 1, 20 * 1024, 50, cpu[s][rep], 3 + s));
            }
        }
        int[] sessions = {1, 5, 20, 500};
        long[] sizes = {1024, 1024 * 1024};
        for (int s = 0; s < 3; s++) {
            for (int c : sessions) {
                Json.append(jsonl, load("concurrency", sys[s], 0, c, 0, tput[s][0] * c / 20.0 + 5, 5, 2));
            }
            for (long z : sizes) {
                Json.append(jsonl, load("size", sys[s], 0, 20, z, z > 1024 ? 8 : 800, 5, 2));
            }
        }
        Map<String, Object> idle = new LinkedHashMap<>();
        idle.put("type", "idle");
        idle.put("system", "bulwark");
        idle.put("requested", 10000);
        idle.put("greeted", 10000);
        idle.put("held", 10000);
        idle.put("hold_s", 20.0);
        idle.put("rss_before_mb", 300.0);
        idle.put("rss_held_mb", 600.0);
        idle.put("kb_per_held_session", 30.7);
        idle.put("failures", Map.of());
        Json.append(jsonl, idle);

        Path outDir = tmp.resolve("report");
        Report.main(new String[] {"--in", jsonl.toString(), "--out-dir", outDir.toString()});
        String md = Files.readString(outDir.resolve("summary.md"));
        assertTrue(md.contains("| bulwark | 3 | 1000 | 20 | 950.0 [900.0-1000.0] |"), md);
        assertTrue(md.contains("| postfix+rspamd | 9.05 [9.00-10.53]"), md);
        assertTrue(md.contains("| CPU per message ≤ 0.5 × postfix+rspamd (every module on) | 4.00 [3.90-4.20] vs"
                + " 17.70 [17.50-18.00] ms/msg, ratio 0.23 [0.22-0.23] | met |"), md);
        assertTrue(md.contains("| CPU per message ≤ postfix alone"), md);
        assertTrue(md.contains("| msg/s ≥ 2× postfix+rspamd at 20 sessions | ratio 9.05 [9.00-10.53] | met |"), md);
        assertTrue(md.contains("| at 500 sessions, delivery ≥ the 20-session rate (concurrency plan) | ratio 24.87"
                + " | met (median of 1, the issue asks for 3 or more) |"), md);
        assertTrue(md.contains("10000 of 10000 held, heap 1g | met"), md);
        assertTrue(md.contains("## Throughput against concurrency"), md);
        assertTrue(md.contains("| 1m |"), md);
        BufferedImage png = ImageIO.read(outDir.resolve("curves.png").toFile());
        assertNotNull(png);
        assertEquals(1200, png.getWidth());
    }

    private static Map<String, Object> load(String plan, String system, int rep, int sessions, long size, double tput,
                                            double cpu, double p50) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "load");
        m.put("label", "test");
        m.put("plan", plan);
        m.put("system", system);
        m.put("rep", rep);
        m.put("sessions", sessions);
        m.put("messages", 1000);
        m.put("ok", 1000);
        if (size > 0) {
            m.put("size_bytes", size);
        }
        m.put("corpus_bytes_avg", size > 0 ? size : 15000);
        m.put("msgs_per_s", tput);
        m.put("lat_ms", Map.of("p50", p50, "p95", p50 * 2, "p99", p50 * 3));
        m.put("cpu_ms_per_msg", cpu);
        m.put("peak_rss_mb", 200.0);
        m.put("other_cpu_pct", 10.0);
        return m;
    }

    @Test
    void benchRunnerRunsEveryPlanAgainstTheSinkAndReports() throws Exception {
        Path corpus = tmp.resolve("mix");
        CorpusBuilder.buildMixed(corpus, 30, 1, SMALL, 5, null, 0);
        Path sizes = tmp.resolve("sizes");
        CorpusBuilder.buildFixed(sizes.resolve("size-1k"), 3, 1, 1024);
        CorpusBuilder.buildFixed(sizes.resolve("size-64k"), 3, 1, 64 * 1024);
        Path out = tmp.resolve("results.jsonl");
        long self = ProcessHandle.current().pid();
        try (SinkServer sink = SinkServer.start("127.0.0.1", 0)) {
            String spec = sink.port() + "@" + self;
            List<String> args = new ArrayList<>(List.of("--system", "sink=" + spec, "--sink", "127.0.0.1:" + spec,
                    "--out", out.toString(), "--label", "smoke", "--corpus", corpus.toString(),
                    "--latency-corpus", corpus.toString(), "--size-corpora", sizes.toString(),
                    "--reps", "2", "--messages", "30", "--sessions", "3", "--lat-messages", "5",
                    "--concurrency", "1,4", "--curve-min", "10", "--curve-max", "20", "--sizes", "1k,64k",
                    "--size-min-messages", "5", "--size-max-messages", "10", "--idle-system", "sink",
                    "--idle-sessions", "20", "--idle-hold", "100ms", "--pause", "0s", "--deliver-timeout", "10s"));
            BenchRunner.main(args.toArray(String[]::new));
        }
        List<JsonNode> rows = Json.readLines(List.of(out));
        assertEquals("meta", rows.get(0).path("type").asText());
        long loads = rows.stream().filter(r -> "load".equals(r.path("type").asText())).count();
        assertEquals(2 * 2 + 2 + 2, loads); // main+latency per rep, 2 concurrency points, 2 sizes
        for (JsonNode r : rows) {
            if ("load".equals(r.path("type").asText())) {
                assertEquals(r.path("messages").asLong(), r.path("ok").asLong(), r.toString());
                assertTrue(r.path("delivery_complete").asBoolean(), r.toString());
            }
        }
        JsonNode idle = rows.get(rows.size() - 1);
        assertEquals(20, idle.path("held").asInt());
        Path dir = tmp.resolve("rep");
        Report.main(new String[] {"--in", out.toString(), "--out-dir", dir.toString(), "--subject", "sink"});
        assertTrue(Files.readString(dir.resolve("summary.md")).contains("SMOKE RUN"));
        assertTrue(Files.size(dir.resolve("curves.png")) > 1000);
    }
}
