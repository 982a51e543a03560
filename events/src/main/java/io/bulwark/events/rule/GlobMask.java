package io.bulwark.events.rule;

import java.util.ArrayList;
import java.util.List;

/**
 * An address mask with {@code *} (any run of characters, also none) and {@code ?} (exactly one
 * character), matched against the whole input, ignoring case. Immutable and thread-safe.
 *
 * <p>Why not a regex: translated to {@code .*a.*a.*b}, a mask such as {@code *a*a*a*a*a*b} makes a
 * backtracking engine try every way of splitting the input between the stars, which grows with the
 * input length to the power of the number of stars. Masks are written by administrators but
 * matched against addresses chosen by any sender, on the SMTP session's thread, so that cost is a
 * denial of service.
 *
 * <p>How it stays linear: the stars cut the mask into star-free segments. The first segment must
 * match at the start, the last one at the end, and each middle segment is placed at its leftmost
 * position after the previous one. Leftmost is always right: any later placement leaves less input
 * for the segments that follow, and the star before a segment absorbs whatever is skipped. So no
 * placement is ever revisited, and a match costs at most (input length x mask length) character
 * comparisons, with the mask at most 512 characters and the input at most 256 octets.
 */
final class GlobMask {
    private static final int ANY_ONE = -1;

    /** The star-free pieces as code points, {@link #ANY_ONE} for '?'; lower-cased. */
    private final int[][] segments;
    private final boolean leadingStar;
    private final boolean trailingStar;
    private final int minimumLength;

    private GlobMask(int[][] segments, boolean leadingStar, boolean trailingStar) {
        this.segments = segments;
        this.leadingStar = leadingStar;
        this.trailingStar = trailingStar;
        int min = 0;
        for (int[] segment : segments) {
            min += segment.length;
        }
        this.minimumLength = min;
    }

    static GlobMask compile(String mask) {
        List<int[]> segments = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        int[] points = mask.codePoints().toArray();
        for (int cp : points) {
            if (cp == '*') {
                if (!current.isEmpty()) {
                    segments.add(toArray(current));
                    current.clear();
                }
            } else {
                current.add(cp == '?' ? ANY_ONE : fold(cp));
            }
        }
        if (!current.isEmpty()) {
            segments.add(toArray(current));
        }
        boolean leading = points.length > 0 && points[0] == '*';
        boolean trailing = points.length > 0 && points[points.length - 1] == '*';
        return new GlobMask(segments.toArray(int[][]::new), leading, trailing);
    }

    /** Whether the whole input matches. */
    boolean matches(String input) {
        int[] text = input.codePoints().map(GlobMask::fold).toArray();
        int n = text.length;
        if (n < minimumLength) {
            return false;
        }
        if (segments.length == 0) {
            // "" matches only "", a mask of stars matches everything
            return leadingStar || n == 0;
        }
        int first = 0;
        int last = segments.length - 1;
        int from = 0;
        int to = n;
        if (!leadingStar) {
            if (!matchesAt(segments[0], text, 0)) {
                return false;
            }
            from = segments[0].length;
            first = 1;
        }
        if (!trailingStar && last >= first) {
            int[] tail = segments[last];
            int start = n - tail.length;
            if (start < from || !matchesAt(tail, text, start)) {
                return false;
            }
            to = start;
            last--;
        } else if (!trailingStar) {
            // a mask without stars: the one segment must cover the input exactly
            return from == n;
        }
        for (int i = first; i <= last; i++) {
            int at = leftmost(segments[i], text, from, to);
            if (at < 0) {
                return false;
            }
            from = at + segments[i].length;
        }
        return true;
    }

    private static int leftmost(int[] segment, int[] text, int from, int to) {
        for (int start = from; start + segment.length <= to; start++) {
            if (matchesAt(segment, text, start)) {
                return start;
            }
        }
        return -1;
    }

    private static boolean matchesAt(int[] segment, int[] text, int start) {
        if (start + segment.length > text.length) {
            return false;
        }
        for (int i = 0; i < segment.length; i++) {
            if (segment[i] != ANY_ONE && segment[i] != text[start + i]) {
                return false;
            }
        }
        return true;
    }

    private static int fold(int cp) {
        return Character.toLowerCase(Character.toUpperCase(cp));
    }

    private static int[] toArray(List<Integer> values) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
