package io.bulwark.scan.match;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * A byte-level Aho-Corasick automaton (Aho and Corasick, "Efficient string matching", CACM 1975):
 * one pass over a text finds every place where any of many fixed patterns ends, in time linear in
 * the text plus the matches. The anti-virus body signatures search their anchors with it (hundreds
 * of thousands of them), the anti-spam rules the literals their regular expressions need
 * ({@code io.bulwark.scan.antispam.rules}); it is the project's one home for multi-pattern search.
 *
 * <p>Written here rather than taken from a library: the one small Java library made for it
 * ({@code org.ahocorasick:ahocorasick}) matches {@code char} strings with boxed per-node maps, is
 * not in the project's dependency list, and would need every leaf decoded to a string (and some
 * 100 MB of heap for 100k patterns). This one keeps the trie in flat arrays after building
 * (compressed sparse rows: per state a slice of sorted edge bytes and targets, a failure link and
 * a dictionary-suffix link), about 20 bytes per state, with a dense table for the root so that
 * the common "no anchor starts here" step is one array read. A small automaton, such as the rules'
 * literals, also gets a complete transition table, so that each step of its search is one array read
 * instead of a bisection along the failure chain (issue 19's profile: AhoCorasick.search): one row
 * per state and one column per byte value that occurs in a pattern, plus one column for every other
 * byte (which leads back to the start from any state), 2 bytes per entry, at most
 * {@value #DENSE_ENTRIES} entries (2 MiB). The rules' 636 literals make 4,847 states over a few
 * dozen byte values: a table of about 0.5 MiB, where one column per byte value (the first version)
 * would have needed 2.4 MiB and was not built.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class AhoCorasick {
    private static final int ROOT = 0;
    /** The state a search starts in ({@link #search(int, byte[], int, long, MatchHandler)}). */
    public static final int START = ROOT;
    /** Automata whose complete table has at most this many entries (states × byte classes) get one. */
    static final int DENSE_ENTRIES = 1 << 20;

    private final int[] rootNext;      // 256 entries: the root's goto function, completed with ROOT
    private final int[] edgeStart;     // state -> first edge index; edgeStart[state + 1] ends it
    private final byte[] edgeKeys;     // sorted per state (unsigned order)
    private final int[] edgeTargets;
    private final int[] fail;
    private final int[] outputLink;    // next state on the failure chain that has outputs, or -1
    private final int[] outputStart;   // state -> first pattern id index in outputs
    private final int[] outputs;
    private final int[] patternLength;
    private final char[] dense;        // null, or state * classes + classOf[byte] -> next state (complete goto function)
    private final int[] classOf;       // byte value -> its column in dense; 0 for bytes in no pattern
    private final int classes;

    /** Reports an anchor found in the text. */
    @FunctionalInterface
    public interface MatchHandler {
        /**
         * @param pattern the index of the anchor in the list given to {@link #build}
         * @param start   offset of the anchor's first byte in the text
         * @return false to stop the search
         */
        boolean onMatch(int pattern, int start);
    }

    private AhoCorasick(int[] rootNext, int[] edgeStart, byte[] edgeKeys, int[] edgeTargets, int[] fail,
            int[] outputLink, int[] outputStart, int[] outputs, int[] patternLength, char[] dense, int[] classOf,
            int classes) {
        this.rootNext = rootNext;
        this.edgeStart = edgeStart;
        this.edgeKeys = edgeKeys;
        this.edgeTargets = edgeTargets;
        this.fail = fail;
        this.outputLink = outputLink;
        this.outputStart = outputStart;
        this.outputs = outputs;
        this.patternLength = patternLength;
        this.dense = dense;
        this.classOf = classOf;
        this.classes = classes;
    }

    /** Number of states, for the load report and the heap estimate. */
    public int size() {
        return fail.length;
    }

    /** Builds the automaton; anchors must not be empty. Duplicate anchors each report. */
    public static AhoCorasick build(List<byte[]> patterns) {
        return build(patterns, DENSE_ENTRIES);
    }

    /** Builds the automaton, with a complete table when it has at most {@code denseEntries} entries. */
    static AhoCorasick build(List<byte[]> patterns, int denseEntries) {
        Builder b = new Builder();
        int[] lengths = new int[patterns.size()];
        for (int p = 0; p < patterns.size(); p++) {
            byte[] anchor = patterns.get(p);
            if (anchor.length == 0) {
                throw new IllegalArgumentException("empty anchor");
            }
            lengths[p] = anchor.length;
            b.add(anchor, p);
        }
        AhoCorasick sparse = b.finish(lengths);
        // one column per byte value that occurs in a pattern, column 0 for all the others
        int[] classOf = new int[256];
        int classes = 1;
        for (byte[] anchor : patterns) {
            for (byte x : anchor) {
                if (classOf[x & 0xff] == 0) {
                    classOf[x & 0xff] = classes++;
                }
            }
        }
        if (classes > 256 || (long) sparse.size() * classes > denseEntries || sparse.size() >= REPORTS) {
            return sparse;
        }
        return new AhoCorasick(sparse.rootNext, sparse.edgeStart, sparse.edgeKeys, sparse.edgeTargets, sparse.fail,
                sparse.outputLink, sparse.outputStart, sparse.outputs, sparse.patternLength,
                sparse.denseTable(classOf, classes), classOf, classes);
    }

    /** Whether the automaton searches with a complete transition table. */
    boolean dense() {
        return dense != null;
    }

    /** Calls {@code handler} for every pattern occurrence in {@code text[0, length)}. */
    public void search(byte[] text, int length, MatchHandler handler) {
        search(START, text, length, 0, handler);
    }

    /**
     * Continues a search over the next piece of a text: starts in {@code state} (what the search of
     * the previous piece returned, {@link #START} for the first) and reports match starts counted from
     * {@code offset}, the position of {@code text[0]} in the whole text. So a long text can be searched
     * piece by piece through one small buffer, with matches across the pieces found.
     *
     * @return the state to continue in, or -1 when the handler stopped the search
     */
    public int search(int state, byte[] text, int length, long offset, MatchHandler handler) {
        if (dense != null) {
            return searchDense(state, text, length, offset, handler);
        }
        for (int i = 0; i < length; i++) {
            int c = text[i] & 0xff;
            state = next(state, c);
            if (!report(state, offset + i, handler)) {
                return -1;
            }
        }
        return state;
    }

    /**
     * {@link #search} with the table: a step is two array reads, and the table's entry says by its
     * top bit ({@link #REPORTS}) whether the state it leads to ends a pattern, so states that end
     * none (nearly every step) read nothing more.
     */
    private int searchDense(int state, byte[] text, int length, long offset, MatchHandler handler) {
        char[] table = dense;
        int[] columns = classOf;
        int width = classes;
        for (int i = 0; i < length; i++) {
            int entry = table[state * width + columns[text[i] & 0xff]];
            state = entry & ~REPORTS;
            if (entry >= REPORTS && !report(state, offset + i, handler)) {
                return -1;
            }
        }
        return state;
    }

    /**
     * Reports the patterns that end at text position {@code end} in {@code state}: its own and those
     * along its dictionary-suffix links; false when the handler stopped the search.
     */
    private boolean report(int state, long end, MatchHandler handler) {
        int out = outputStart[state] != outputStart[state + 1] ? state : outputLink[state];
        while (out >= 0) {
            for (int k = outputStart[out]; k < outputStart[out + 1]; k++) {
                int p = outputs[k];
                if (!handler.onMatch(p, (int) (end - patternLength[p] + 1))) {
                    return false;
                }
            }
            out = outputLink[out];
        }
        return true;
    }

    /** The flag of a table entry whose state ends a pattern (itself or along its dictionary-suffix links). */
    private static final int REPORTS = 0x8000;

    /** The complete goto function, filled breadth first so that a state's failure state is done before it. */
    private char[] denseTable(int[] classOf, int classes) {
        int states = fail.length;
        int[] byteOf = new int[classes]; // a byte value of each column; column 0: one in no pattern
        for (int c = 255; c >= 0; c--) {
            byteOf[classOf[c]] = c;
        }
        char[] table = new char[states * classes];
        int[] order = new int[states];
        int head = 0;
        int tail = 0;
        order[tail++] = ROOT;
        while (head < tail) {
            int s = order[head++];
            for (int i = edgeStart[s]; i < edgeStart[s + 1]; i++) {
                order[tail++] = edgeTargets[i];
            }
            for (int k = 0; k < classes; k++) {
                int c = byteOf[k];
                int target = s == ROOT ? rootNext[c] : edge(s, c);
                if (target < 0) {
                    target = table[fail[s] * classes + k] & ~REPORTS; // flags are set after the fill
                }
                table[s * classes + k] = (char) target;
            }
        }
        for (int i = 0; i < table.length; i++) {
            int t = table[i];
            if (outputStart[t] != outputStart[t + 1] || outputLink[t] >= 0) {
                table[i] = (char) (t | REPORTS);
            }
        }
        return table;
    }

    private int next(int state, int c) {
        while (state != ROOT) {
            int target = edge(state, c);
            if (target >= 0) {
                return target;
            }
            state = fail[state];
        }
        return rootNext[c];
    }

    private int edge(int state, int c) {
        int lo = edgeStart[state];
        int hi = edgeStart[state + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int key = edgeKeys[mid] & 0xff;
            if (key < c) {
                lo = mid + 1;
            } else if (key > c) {
                hi = mid - 1;
            } else {
                return edgeTargets[mid];
            }
        }
        return -1;
    }

    /** The trie while it is being built: per state a small growable edge list. Not thread-safe. */
    private static final class Builder {
        private byte[][] keys = new byte[1024][];
        private int[][] targets = new int[1024][];
        private int[] edgeCount = new int[1024];
        private int[][] out = new int[1024][];
        private int states = 1;

        void add(byte[] anchor, int pattern) {
            int state = ROOT;
            for (byte b : anchor) {
                int target = find(state, b);
                if (target < 0) {
                    target = newState();
                    addEdge(state, b, target);
                }
                state = target;
            }
            int[] o = out[state];
            if (o == null) {
                out[state] = new int[] {pattern};
            } else {
                o = Arrays.copyOf(o, o.length + 1);
                o[o.length - 1] = pattern;
                out[state] = o;
            }
        }

        private int find(int state, byte b) {
            byte[] k = keys[state];
            for (int i = 0; i < edgeCount[state]; i++) {
                if (k[i] == b) {
                    return targets[state][i];
                }
            }
            return -1;
        }

        private int newState() {
            if (states == edgeCount.length) {
                int n = states * 2;
                keys = Arrays.copyOf(keys, n);
                targets = Arrays.copyOf(targets, n);
                edgeCount = Arrays.copyOf(edgeCount, n);
                out = Arrays.copyOf(out, n);
            }
            return states++;
        }

        private void addEdge(int state, byte b, int target) {
            int n = edgeCount[state];
            if (keys[state] == null) {
                keys[state] = new byte[2];
                targets[state] = new int[2];
            } else if (n == keys[state].length) {
                keys[state] = Arrays.copyOf(keys[state], n * 2);
                targets[state] = Arrays.copyOf(targets[state], n * 2);
            }
            keys[state][n] = b;
            targets[state][n] = target;
            edgeCount[state] = n + 1;
        }

        AhoCorasick finish(int[] lengths) {
            // flatten the edges, sorted per state so that lookups can bisect
            int[] edgeStart = new int[states + 1];
            for (int s = 0; s < states; s++) {
                edgeStart[s + 1] = edgeStart[s] + edgeCount[s];
            }
            byte[] flatKeys = new byte[edgeStart[states]];
            int[] flatTargets = new int[edgeStart[states]];
            for (int s = 0; s < states; s++) {
                int n = edgeCount[s];
                long[] packed = new long[n];
                for (int i = 0; i < n; i++) {
                    packed[i] = ((long) (keys[s][i] & 0xff) << 32) | targets[s][i];
                }
                Arrays.sort(packed);
                for (int i = 0; i < n; i++) {
                    flatKeys[edgeStart[s] + i] = (byte) (packed[i] >>> 32);
                    flatTargets[edgeStart[s] + i] = (int) packed[i];
                }
                keys[s] = null;
                targets[s] = null;
            }
            int[] rootNext = new int[256];
            for (int i = edgeStart[ROOT]; i < edgeStart[ROOT + 1]; i++) {
                rootNext[flatKeys[i] & 0xff] = flatTargets[i];
            }
            // failure and dictionary-suffix links, breadth first
            int[] fail = new int[states];
            int[] outputLink = new int[states];
            Arrays.fill(outputLink, -1);
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            for (int i = edgeStart[ROOT]; i < edgeStart[ROOT + 1]; i++) {
                queue.add(flatTargets[i]);
            }
            AhoCorasick partial = new AhoCorasick(rootNext, edgeStart, flatKeys, flatTargets, fail, outputLink,
                    new int[states + 1], new int[0], lengths, null, null, 0);
            while (!queue.isEmpty()) {
                int s = queue.poll();
                for (int i = edgeStart[s]; i < edgeStart[s + 1]; i++) {
                    int child = flatTargets[i];
                    int f = partial.next(fail[s], flatKeys[i] & 0xff);
                    fail[child] = f;
                    outputLink[child] = out[f] != null ? f : outputLink[f];
                    queue.add(child);
                }
            }
            int[] outputStart = new int[states + 1];
            for (int s = 0; s < states; s++) {
                outputStart[s + 1] = outputStart[s] + (out[s] == null ? 0 : out[s].length);
            }
            int[] outputs = new int[outputStart[states]];
            for (int s = 0; s < states; s++) {
                if (out[s] != null) {
                    System.arraycopy(out[s], 0, outputs, outputStart[s], out[s].length);
                }
            }
            return new AhoCorasick(rootNext, edgeStart, flatKeys, flatTargets, fail, outputLink, outputStart,
                    outputs, lengths, null, null, 0);
        }
    }
}
