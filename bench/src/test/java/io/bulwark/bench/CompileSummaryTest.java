package io.bulwark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bulwark.bench.CompileSummary.Compilation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileSummaryTest {

    private static final Instant T0 = Instant.parse("2026-12-06T22:00:00Z");

    private static Compilation at(int second, int level, String method, int ms, boolean osr) {
        return new Compilation(T0.plusSeconds(second), Duration.ofMillis(ms), level, method, 1000, osr);
    }

    @Test
    void splitsTheWindowsC2CompilationsIntoFirstAndRepeated() {
        List<Compilation> all = List.of(
                at(1, 4, "a.A.run", 100, false),     // before the window: makes the next A a repeat
                at(2, 3, "b.B.run", 5, false),       // C1 only before the window: B's C2 is still a first
                at(25, 4, "a.A.run", 300, false),    // repeated
                at(26, 4, "b.B.run", 2000, false),   // first
                at(27, 3, "c.C.run", 7, false),      // C1, in the window
                at(28, 4, "a.A.run", 40, true),      // OSR: a compilation of its own kind, so a first
                at(40, 4, "d.D.run", 900, false));   // after the window
        String text = CompileSummary.render(all, T0.plusSeconds(20), T0.plusSeconds(35), 2);

        assertTrue(text.contains("in the window: 4 compilations, 2.3 s (levels 1-3: 1, C2: 3);"
                + " C2 first compilations of a method 2 (2.0 s), repeated 1 (0.3 s)"), text);
        // the longest two of the window, longest first; nothing from outside it
        int b = text.indexOf("2000 ms  L4 b.B.run");
        int a = text.indexOf("300 ms  L4 a.A.run");
        assertTrue(b > 0 && a > b, text);
        assertTrue(!text.contains("d.D.run") && !text.contains("c.C.run"), text);
    }

    @Test
    void countsC2TimePerTenSecondsAndMarksTheWindowsSpans() {
        List<Compilation> all = List.of(
                at(0, 4, "a.A.run", 4000, false),
                at(9, 4, "b.B.run", 5000, false),
                at(12, 3, "c.C.run", 10, false),
                at(31, 4, "d.D.run", 250, false));
        String[] lines = CompileSummary.render(all, T0.plusSeconds(30), T0.plusSeconds(40), 5).split("\n");

        assertEquals("         0     2     2      9.0", lines[2]);
        assertEquals("        10     1     0      0.0", lines[3]);
        assertEquals("        30     1     1      0.3  window", lines[4]);
    }

    @Test
    void withoutAWindowEverythingCountsAndNoSpanIsMarked() {
        String text = CompileSummary.render(List.of(at(0, 4, "a.A.run", 10, false), at(50, 4, "a.A.run", 20, false)),
                Instant.MIN, Instant.MAX, 5);

        assertTrue(text.contains("in the window: 2 compilations"), text);
        assertTrue(text.contains("first compilations of a method 1 (0.0 s), repeated 1 (0.0 s)"), text);
        assertTrue(!text.contains("  window"), text);
    }

    @Test
    void readsTheJdksOwnCompilationEvents(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("compiles.jfr");
        long sum = 0;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.Compilation").withThreshold(Duration.ZERO);
            recording.start();
            // enough calls for C1 (a few hundred) and, on any machine, far past it
            for (int i = 0; i < 5_000_000; i++) {
                sum += hot(i);
            }
            recording.stop();
            recording.dump(file);
        }
        List<Compilation> read = CompileSummary.read(file);

        assertTrue(sum != 0);
        assertTrue(read.stream().anyMatch(c -> c.method().equals(CompileSummaryTest.class.getName() + ".hot")
                && c.level() >= 1 && c.codeSize() > 0), read.toString());
        for (int i = 1; i < read.size(); i++) {
            assertTrue(!read.get(i).start().isBefore(read.get(i - 1).start()), "in start order");
        }
    }

    private static long hot(int i) {
        return (i * 31L) ^ (i >>> 3);
    }
}
