package io.bulwark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The compiler's and the collector's CPU are found by thread name and shown apart in the report. */
class JvmThreadsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "none", value = {
        "C2 CompilerThre, jit", "C1 CompilerThre, jit", "GC Thread#3, gc", "G1 Conc#0, gc", "G1 Refine#0, gc",
        "G1 Main Marker, gc", "ForkJoinPool-1-w, none", "bulwark-smtp-12, none", "EventProcessor[a, none"})
    void aThreadsNameSaysWhatServiceItIs(String comm, String kind) {
        assertEquals(kind, ProcStats.serviceKind(comm), comm);
    }

    @Test
    void thisJvmHasCompilerThreads() {
        // (collector threads depend on the collector: the serial one, chosen on small machines, has none)
        ProcStats.JvmThreads threads = ProcStats.jvmThreads(List.of((int) ProcessHandle.current().pid()));

        assertTrue(threads.jitThreads() > 0, threads::toString);
    }

    @Test
    void theWindowIsCountedThreadByThreadSoAThreadThatEndedCannotMakeItNegative() {
        ProcStats.JvmThreads before = new ProcStats.JvmThreads(java.util.Map.of(1, 500L, 2, 300L), java.util.Map.of(9, 40L));
        // thread 2 ended (its 300 ticks are gone from a sum of the living), thread 3 started
        ProcStats.JvmThreads after = new ProcStats.JvmThreads(java.util.Map.of(1, 520L, 3, 7L), java.util.Map.of(9, 45L));

        long[] window = after.millisSince(before);

        assertEquals(27 * 1000 / ProcStats.clockTicks(), window[0]);
        assertEquals(5 * 1000 / ProcStats.clockTicks(), window[1]);
    }

    @Test
    void theReportShowsTheJitPerMessageAndTheCpuWithoutIt() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        for (int rep = 0; rep < 3; rep++) {
            rows.add(json.readTree("{\"type\":\"load\",\"plan\":\"main\",\"system\":\"bulwark\",\"rep\":" + rep
                    + ",\"sessions\":20,\"messages\":1000,\"ok\":500,\"delivered\":500,\"msgs_per_s\":100,"
                    + "\"lat_ms\":{\"p50\":1,\"p95\":2,\"p99\":3},\"cpu_ms_per_msg\":10.0,\"jit_cpu_ms\":" + (1000 + rep)
                    + ",\"gc_cpu_ms\":500,\"jit_cpu_ms_per_msg\":" + (1000 + rep) / 500.0 + ",\"gc_cpu_ms_per_msg\":1.0}"));
            rows.add(json.readTree("{\"type\":\"load\",\"plan\":\"main\",\"system\":\"postfix\",\"rep\":" + rep
                    + ",\"sessions\":20,\"messages\":1000,\"ok\":1000,\"delivered\":1000,\"msgs_per_s\":500,"
                    + "\"lat_ms\":{\"p50\":1,\"p95\":2,\"p99\":3},\"cpu_ms_per_msg\":2.0}"));
        }
        String md = new Report(rows, "bulwark", "postfix", "postfix").markdown();

        String table = md.substring(md.indexOf("JVM service threads"));
        table = table.substring(0, table.indexOf("\n\n", table.indexOf("| system |")));

        assertTrue(table.contains("| bulwark | 10.00 [10.00-10.00] | 2.00 [2.00-2.00] | 1.00 [1.00-1.00] | 8.00 [8.00-8.00] |"),
                table);
        assertFalse(table.contains("| postfix |"), table);
    }
}
