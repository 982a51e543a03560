package io.bulwark.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPU time and memory of process trees, read from Linux {@code /proc}.
 *
 * <p>CPU of a tree is the sum over its live processes of utime + stime + cutime + cstime from
 * {@code /proc/PID/stat}. The child fields matter: Postfix forks short-lived smtpd/cleanup/smtp
 * processes whose CPU only shows up in the parent's cutime/cstime once they have been reaped, so
 * the difference of two samples of a tree also covers workers that came and went in between.
 * Memory is the sum of VmHWM (peak resident set) and of VmRSS from {@code /proc/PID/status}; a
 * sum of per-process peaks can exceed the true simultaneous peak, so the harness also samples
 * the summed VmRSS while a run is going.
 */
public final class ProcStats {
    /** One {@code /proc/PID/stat} line: parent and CPU clock ticks including reaped children. */
    record Proc(int pid, int ppid, long ticks) {
    }

    /** Totals over a process tree at one instant. */
    public record Tree(Set<Integer> pids, long cpuMillis, long rssKb, long hwmKb) {
    }

    private static final Path PROC = Path.of("/proc");
    private static volatile long clockTicks;

    private ProcStats() {
    }

    /** {@code sysconf(_SC_CLK_TCK)}, asked of {@code getconf} once; 100 on every usual kernel. */
    public static long clockTicks() {
        long t = clockTicks;
        if (t == 0) {
            t = 100;
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
                if (p.waitFor() == 0 && out.matches("\\d+")) {
                    t = Long.parseLong(out);
                }
            } catch (IOException e) {
                // getconf missing: keep the Linux default
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            clockTicks = t;
        }
        return t;
    }

    /** Reads {@code /proc/PID/stat}; null if the process is gone or unreadable. */
    static Proc stat(int pid) {
        try {
            String[] f = statFields(PROC.resolve(Integer.toString(pid)).resolve("stat"));
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return new Proc(pid, Integer.parseInt(f[1]), ticks);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The fields of a {@code /proc/.../stat} file after the name, from the state on: f[0] state, f[1]
     * ppid, f[11] utime, f[12] stime, f[13] cutime, f[14] cstime. The name (field 2) may contain
     * spaces and parentheses, so the fields resume after the last ')'.
     */
    private static String[] statFields(Path stat) throws IOException {
        String s = Files.readString(stat, StandardCharsets.US_ASCII);
        return s.substring(s.lastIndexOf(')') + 2).trim().split(" ");
    }

    /** Every process visible in {@code /proc}. */
    static Map<Integer, Proc> table() {
        Map<Integer, Proc> t = new HashMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(PROC)) {
            for (Path d : ds) {
                String n = d.getFileName().toString();
                if (!n.isEmpty() && Character.isDigit(n.charAt(0))) {
                    Proc p = stat(Integer.parseInt(n));
                    if (p != null) {
                        t.put(p.pid(), p);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc (Linux only)", e);
        }
        return t;
    }

    /** The given roots and all their live descendants. */
    public static Set<Integer> treePids(Collection<Integer> roots) {
        return treePids(roots, table());
    }

    static Set<Integer> treePids(Collection<Integer> roots, Map<Integer, Proc> table) {
        Map<Integer, List<Integer>> kids = new HashMap<>();
        for (Proc p : table.values()) {
            kids.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p.pid());
        }
        Set<Integer> out = new LinkedHashSet<>();
        Deque<Integer> stack = new ArrayDeque<>();
        for (Integer r : roots) {
            if (table.containsKey(r)) {
                stack.push(r);
            }
        }
        while (!stack.isEmpty()) {
            int p = stack.pop();
            if (out.add(p)) {
                kids.getOrDefault(p, List.of()).forEach(stack::push);
            }
        }
        return out;
    }

    /** CPU (ms, incl. reaped children) and memory of the tree under {@code roots}, now. */
    public static Tree tree(Collection<Integer> roots) {
        Map<Integer, Proc> table = table();
        Set<Integer> pids = treePids(roots, table);
        long ticks = 0;
        long rss = 0;
        long hwm = 0;
        for (int pid : pids) {
            ticks += table.get(pid).ticks();
            long[] mem = memoryKb(pid);
            rss += mem[0];
            hwm += mem[1];
        }
        return new Tree(pids, ticks * 1000 / clockTicks(), rss, hwm);
    }

    /**
     * CPU of a JVM's own service threads: its JIT compilers and its collector. A JVM's CPU per
     * message in a short window holds a compile cost that decays over tens of thousands of messages
     * (docs/benchmarks.md, eighth session) and that C programs do not have; the report shows it
     * apart so a reader can tell that from the mail path's own work. Zero for processes without such
     * threads (the peers).
     */
    public record JvmThreads(Map<Integer, Long> jitTicks, Map<Integer, Long> gcTicks) {
        public int jitThreads() {
            return jitTicks.size();
        }

        public int gcThreads() {
            return gcTicks.size();
        }

        /**
         * CPU ms of the compiler and of the collector threads since {@code before}, {jit, gc}, thread
         * by thread: a thread started in between counts from zero; one that ended in between (HotSpot
         * stops idle compiler threads) is missing, so the figures can be low, never negative.
         */
        public long[] millisSince(JvmThreads before) {
            return new long[] {since(jitTicks, before.jitTicks), since(gcTicks, before.gcTicks)};
        }

        private static long since(Map<Integer, Long> now, Map<Integer, Long> then) {
            long ticks = 0;
            for (Map.Entry<Integer, Long> thread : now.entrySet()) {
                ticks += Math.max(0, thread.getValue() - then.getOrDefault(thread.getKey(), 0L));
            }
            return ticks * 1000 / clockTicks();
        }
    }

    /** What kind of JVM service thread a thread's name ({@code /proc/.../comm}) says it is: "jit", "gc" or null. */
    static String serviceKind(String comm) {
        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
            return "jit";
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("ZWorker")
                || comm.startsWith("Shenandoah")) {
            return "gc";
        }
        return null;
    }

    /** The compiler and collector threads of the processes in {@code pids} with their CPU ticks (threads' own, not children's), now. */
    public static JvmThreads jvmThreads(Collection<Integer> pids) {
        Map<Integer, Long> jit = new HashMap<>();
        Map<Integer, Long> gc = new HashMap<>();
        for (int pid : pids) {
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(PROC.resolve(Integer.toString(pid)).resolve("task"))) {
                for (Path task : tasks) {
                    try {
                        String kind = serviceKind(Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip());
                        if (kind == null) {
                            continue;
                        }
                        String[] f = statFields(task.resolve("stat"));
                        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                        (kind.equals("jit") ? jit : gc).put(Integer.parseInt(task.getFileName().toString()), ticks);
                    } catch (IOException | RuntimeException e) {
                        // the thread ended while we looked
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
        }
        return new JvmThreads(Map.copyOf(jit), Map.copyOf(gc));
    }

    /** Summed VmRSS of a tree in KB; cheap enough to sample a few times per second. */
    public static long rssKb(Collection<Integer> roots) {
        long rss = 0;
        for (int pid : treePids(roots)) {
            rss += memoryKb(pid)[0];
        }
        return rss;
    }

    /** {VmRSS, VmHWM} of one process in KB (zeros for kernel threads or vanished processes). */
    static long[] memoryKb(int pid) {
        long[] r = new long[2];
        try {
            for (String line : Files.readAllLines(PROC.resolve(Integer.toString(pid)).resolve("status"),
                    StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    r[0] = kb(line);
                } else if (line.startsWith("VmHWM:")) {
                    r[1] = kb(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // process exited between listing and reading: it holds no memory any more
        }
        return r;
    }

    private static long kb(String line) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).trim().split("\\s+")[0]);
    }

    /**
     * Resets the peak-RSS mark of every process of the tree (writing 5 to
     * {@code /proc/PID/clear_refs}, Linux 4.0+), so VmHWM afterwards is the peak of the coming run
     * rather than of the process's whole life. Needs the right to write there (same user or
     * root); returns whether it worked for every process.
     */
    public static boolean resetPeak(Collection<Integer> roots) {
        boolean all = true;
        for (int pid : treePids(roots)) {
            try {
                Files.writeString(PROC.resolve(Integer.toString(pid)).resolve("clear_refs"), "5");
            } catch (IOException | RuntimeException e) {
                all = false;
            }
        }
        return all;
    }

    /** Machine-wide {total, busy} CPU milliseconds since boot from {@code /proc/stat}. */
    public static long[] machineMillis() {
        try {
            String first = Files.readAllLines(PROC.resolve("stat"), StandardCharsets.US_ASCII).get(0);
            String[] f = first.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) { // user..steal; guest is already in user
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            long tk = clockTicks();
            return new long[] {total * 1000 / tk, (total - idle) * 1000 / tk};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ProcStats PID...}: prints the tree's CPU and memory as one JSON line. */
    public static void main(String[] args) {
        List<Integer> roots = new ArrayList<>();
        for (String a : args) {
            roots.add(Integer.parseInt(a));
        }
        if (roots.isEmpty()) {
            roots.add((int) ProcessHandle.current().pid());
        }
        Tree t = tree(roots);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("roots", roots);
        m.put("pids", t.pids());
        m.put("cpu_ms", t.cpuMillis());
        m.put("rss_kb", t.rssKb());
        m.put("hwm_kb", t.hwmKb());
        System.out.println(Json.write(m));
    }
}
