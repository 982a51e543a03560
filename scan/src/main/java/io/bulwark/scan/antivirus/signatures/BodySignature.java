package io.bulwark.scan.antivirus.signatures;

import io.bulwark.scan.match.AhoCorasick;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One extended body signature of a ClamAV {@code .ndb} file ({@code Name:TargetType:Offset:HexSignature}),
 * compiled for the two-step match: its longest run of fixed bytes (at most {@link #MAX_ANCHOR}) is
 * the anchor that the {@link io.bulwark.scan.match.AhoCorasick} automaton finds, and {@link #matchesAt} then checks the
 * rest of the pattern left and right of the anchor and the offset condition.
 *
 * <p>Supported in the hex signature: hex bytes, {@code ??} (any byte), nibble wildcards {@code a?}
 * and {@code ?a}, {@code *} (any number of bytes), {@code {n}}, {@code {-n}}, {@code {n-}},
 * {@code {n-m}} and {@code [n-m]} (that many bytes of anything), alternatives {@code (aa|bbcc|...)}
 * of fixed hex strings (lengths may differ), and negated alternatives {@code !(aa|bb)} of one
 * length. Supported offsets: {@code *}, {@code n}, {@code n,m} (start within n..n+m),
 * {@code EOF-n} and {@code EOF-n,m}. Skipped (the line is counted and reported, never an error):
 * boundary specials such as {@code (B)} and {@code (L)}, entry-point and section offsets
 * ({@code EP+n}, {@code Sx+n}, {@code SL+n}, {@code SE}), and patterns without two fixed bytes in
 * a row. Target types are checked by the leaf's leading bytes ({@link TargetType}).
 *
 * <p>Immutable and thread-safe.
 */
final class BodySignature {
    /** Longest anchor put into the automaton: longer ones add states but hardly any selectivity. */
    static final int MAX_ANCHOR = 12;
    /** Steps one verification may take across gaps and alternatives before it gives up (no match). */
    private static final int STEP_BUDGET = 200_000;

    private final String name;
    private final TargetType target;
    private final long offsetMin;      // -1: anywhere
    private final long offsetRange;    // start may be offsetMin .. offsetMin + offsetRange
    private final boolean fromEof;
    private final byte[] anchor;
    private final Element[] left;      // elements before the anchor, nearest first (matched leftwards)
    private final Element[] right;     // elements after the anchor, in order (matched rightwards)

    private BodySignature(String name, TargetType target, long offsetMin, long offsetRange, boolean fromEof,
            byte[] anchor, Element[] left, Element[] right) {
        this.name = name;
        this.target = target;
        this.offsetMin = offsetMin;
        this.offsetRange = offsetRange;
        this.fromEof = fromEof;
        this.anchor = anchor;
        this.left = left;
        this.right = right;
    }

    String name() {
        return name;
    }

    TargetType target() {
        return target;
    }

    byte[] anchor() {
        return anchor;
    }

    /** A line that cannot be loaded, with why (for the load report). */
    static final class Unsupported extends Exception {
        Unsupported(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Parses one {@code .ndb} line (without comments or blank lines). */
    static BodySignature parse(String line) throws Unsupported {
        String[] f = line.split(":", -1);
        if (f.length < 4) {
            throw new Unsupported("fewer than 4 fields");
        }
        if (f.length > 6) {
            throw new Unsupported("more than 6 fields");
        }
        String name = f[0];
        if (name.isEmpty()) {
            throw new Unsupported("no signature name");
        }
        TargetType target = TargetType.of(f[1].strip());
        long offsetMin;
        long offsetRange = 0;
        boolean fromEof = false;
        String offset = f[2].strip();
        if (offset.equals("*")) {
            offsetMin = -1;
        } else {
            String base = offset;
            int comma = offset.indexOf(',');
            if (comma >= 0) {
                base = offset.substring(0, comma);
                offsetRange = number(offset.substring(comma + 1), "offset range");
            }
            if (base.startsWith("EOF-")) {
                fromEof = true;
                base = base.substring(4);
            } else if (!base.isEmpty() && !Character.isDigit(base.charAt(0))) {
                throw new Unsupported("offset " + offset + " (entry point and section offsets are not supported)");
            }
            offsetMin = number(base, "offset");
        }
        List<Element> elements = elements(f[3].strip().toLowerCase(Locale.ROOT));
        // the anchor: the longest run of exact bytes, cut to MAX_ANCHOR
        int bestElement = -1;
        int bestStart = 0;
        int bestLength = 0;
        for (int e = 0; e < elements.size(); e++) {
            if (elements.get(e) instanceof Bytes b) {
                int run = 0;
                for (int i = 0; i <= b.values.length; i++) {
                    if (i < b.values.length && b.masks[i] == (byte) 0xff) {
                        run++;
                    } else {
                        if (run > bestLength) {
                            bestLength = run;
                            bestElement = e;
                            bestStart = i - run;
                        }
                        run = 0;
                    }
                }
            }
        }
        if (bestLength < 2) {
            throw new Unsupported("no two fixed bytes in a row to anchor the pattern");
        }
        int anchorLength = Math.min(bestLength, MAX_ANCHOR);
        Bytes home = (Bytes) elements.get(bestElement);
        byte[] anchor = Arrays.copyOfRange(home.values, bestStart, bestStart + anchorLength);
        List<Element> leftList = new ArrayList<>(elements.subList(0, bestElement));
        List<Element> rightList = new ArrayList<>();
        if (bestStart > 0) {
            leftList.add(home.slice(0, bestStart));
        }
        if (bestStart + anchorLength < home.values.length) {
            rightList.add(home.slice(bestStart + anchorLength, home.values.length));
        }
        rightList.addAll(elements.subList(bestElement + 1, elements.size()));
        List<Element> reversedLeft = new ArrayList<>(leftList);
        java.util.Collections.reverse(reversedLeft);
        return new BodySignature(name, target, offsetMin, offsetRange, fromEof, anchor,
                reversedLeft.toArray(Element[]::new), rightList.toArray(Element[]::new));
    }

    private static long number(String s, String what) throws Unsupported {
        try {
            long n = Long.parseLong(s.strip());
            if (n < 0) {
                throw new Unsupported(what + " is negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Unsupported(what + " is not a number: " + s);
        }
    }

    private static List<Element> elements(String hex) throws Unsupported {
        List<Element> out = new ArrayList<>();
        ByteRun run = new ByteRun();
        int i = 0;
        while (i < hex.length()) {
            char c = hex.charAt(i);
            if (c == '*') {
                run.flushTo(out);
                out.add(new Gap(0, Long.MAX_VALUE));
                i++;
            } else if (c == '{' || c == '[') {
                char close = c == '{' ? '}' : ']';
                int end = hex.indexOf(close, i);
                if (end < 0) {
                    throw new Unsupported("unclosed " + c);
                }
                run.flushTo(out);
                out.add(gap(hex.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '(' || c == '!' && i + 1 < hex.length() && hex.charAt(i + 1) == '(') {
                boolean negated = c == '!';
                int open = negated ? i + 1 : i;
                int end = hex.indexOf(')', open);
                if (end < 0) {
                    throw new Unsupported("unclosed (");
                }
                run.flushTo(out);
                out.add(alternatives(hex.substring(open + 1, end), negated));
                i = end + 1;
            } else if (i + 1 < hex.length()) {
                run.add(hex.charAt(i), hex.charAt(i + 1));
                i += 2;
            } else {
                throw new Unsupported("odd number of hex digits");
            }
        }
        run.flushTo(out);
        if (out.isEmpty()) {
            throw new Unsupported("empty pattern");
        }
        return out;
    }

    private static Gap gap(String spec) throws Unsupported {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            long n = number(spec, "gap");
            return new Gap(n, n);
        }
        String lo = spec.substring(0, dash);
        String hi = spec.substring(dash + 1);
        long min = lo.isEmpty() ? 0 : number(lo, "gap");
        long max = hi.isEmpty() ? Long.MAX_VALUE : number(hi, "gap");
        if (max < min) {
            throw new Unsupported("gap {" + spec + "} ends before it starts");
        }
        return new Gap(min, max);
    }

    private static Alternatives alternatives(String body, boolean negated) throws Unsupported {
        String[] parts = body.split("\\|", -1);
        byte[][] options = new byte[parts.length][];
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k];
            if (p.isEmpty() || p.length() % 2 != 0 || !p.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                throw new Unsupported("alternative (" + body + ") is not a choice of fixed hex strings");
            }
            options[k] = java.util.HexFormat.of().parseHex(p);
            if (negated && options[k].length != options[0].length) {
                throw new Unsupported("negated alternatives of different lengths");
            }
        }
        return new Alternatives(options, negated);
    }

    /**
     * Whether the whole signature matches with its anchor at {@code anchorStart} in
     * {@code data[0, length)}.
     */
    boolean matchesAt(byte[] data, int length, int anchorStart) {
        int[] budget = {STEP_BUDGET};
        if (!match(right, 0, data, length, anchorStart + anchor.length, true, budget, -1)) {
            return false;
        }
        return match(left, 0, data, length, anchorStart, false, budget, length);
    }

    /**
     * Matches {@code elements[index..]} from {@code pos}, rightwards or leftwards; leftwards, the
     * end position is the signature's start, which must satisfy the offset condition.
     */
    private boolean match(Element[] elements, int index, byte[] data, int length, long pos, boolean rightwards,
            int[] budget, int fileLength) {
        if (--budget[0] < 0) {
            return false;
        }
        if (index == elements.length) {
            return rightwards || offsetAllows(pos, fileLength);
        }
        Element e = elements[index];
        switch (e) {
            case Bytes b -> {
                int n = b.values.length;
                long from = rightwards ? pos : pos - n;
                return from >= 0 && from + n <= length && b.matches(data, (int) from)
                        && match(elements, index + 1, data, length, rightwards ? pos + n : pos - n, rightwards,
                                budget, fileLength);
            }
            case Gap g -> {
                long room = rightwards ? length - pos : pos;
                long max = Math.min(g.max, room);
                for (long k = g.min; k <= max; k++) {
                    if (match(elements, index + 1, data, length, rightwards ? pos + k : pos - k, rightwards, budget,
                            fileLength)) {
                        return true;
                    }
                    if (budget[0] < 0) {
                        return false;
                    }
                }
                return false;
            }
            case Alternatives a -> {
                if (a.negated) {
                    int n = a.options[0].length;
                    long from = rightwards ? pos : pos - n;
                    if (from < 0 || from + n > length) {
                        return false;
                    }
                    for (byte[] o : a.options) {
                        if (Arrays.equals(data, (int) from, (int) from + n, o, 0, n)) {
                            return false;
                        }
                    }
                    return match(elements, index + 1, data, length, rightwards ? pos + n : pos - n, rightwards,
                            budget, fileLength);
                }
                for (byte[] o : a.options) {
                    int n = o.length;
                    long from = rightwards ? pos : pos - n;
                    if (from >= 0 && from + n <= length && Arrays.equals(data, (int) from, (int) from + n, o, 0, n)
                            && match(elements, index + 1, data, length, rightwards ? pos + n : pos - n, rightwards,
                                    budget, fileLength)) {
                        return true;
                    }
                }
                return false;
            }
        }
    }

    private boolean offsetAllows(long start, int fileLength) {
        if (offsetMin < 0) {
            return true;
        }
        long min = fromEof ? fileLength - offsetMin : offsetMin;
        return start >= min && start <= min + offsetRange;
    }

    private sealed interface Element permits Bytes, Gap, Alternatives {
    }

    /** Bytes compared under a mask: 0xff exact, 0xf0 / 0x0f one nibble, 0x00 any. */
    private record Bytes(byte[] values, byte[] masks) implements Element {
        boolean matches(byte[] data, int from) {
            for (int i = 0; i < values.length; i++) {
                if ((data[from + i] & masks[i]) != values[i]) {
                    return false;
                }
            }
            return true;
        }

        Bytes slice(int from, int to) {
            return new Bytes(Arrays.copyOfRange(values, from, to), Arrays.copyOfRange(masks, from, to));
        }
    }

    private record Gap(long min, long max) implements Element {
    }

    private record Alternatives(byte[][] options, boolean negated) implements Element {
    }

    /** Collects consecutive masked bytes into one {@link Bytes} element. */
    private static final class ByteRun {
        private final java.io.ByteArrayOutputStream values = new java.io.ByteArrayOutputStream();
        private final java.io.ByteArrayOutputStream masks = new java.io.ByteArrayOutputStream();

        void add(char hi, char lo) throws Unsupported {
            int value = 0;
            int mask = 0;
            for (char ch : new char[] {hi, lo}) {
                value <<= 4;
                mask <<= 4;
                if (ch != '?') {
                    int d = Character.digit(ch, 16);
                    if (d < 0) {
                        throw new Unsupported("unsupported character '" + ch + "' in the hex signature");
                    }
                    value |= d;
                    mask |= 0xf;
                }
            }
            values.write(value);
            masks.write(mask);
        }

        void flushTo(List<Element> out) {
            if (values.size() > 0) {
                out.add(new Bytes(values.toByteArray(), masks.toByteArray()));
                values.reset();
                masks.reset();
            }
        }
    }
}
