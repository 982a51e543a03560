package io.bulwark.scan.antivirus.signatures;

import io.bulwark.scan.match.AhoCorasick;
import java.util.Arrays;
import java.util.List;

/**
 * Finds where the body signatures' anchors occur, by their first three bytes: a 2 MB bitmap of
 * every anchor's leading 3-gram is tested at each position of the object (one memory read per
 * byte), and only where a bit is set are the anchors with that 3-gram compared in full. Anchors of
 * two bytes get their own 64 Kbit bitmap.
 *
 * <p>Why not only {@link io.bulwark.scan.match.AhoCorasick}: with 100,000 anchors the automaton has some 850,000 states
 * in about 20 MB of arrays, and each byte of input costs several cache misses through the goto
 * and failure links: we measured 4.5 MB/s (docs/antivirus.md, "Measurements"). The bitmap costs
 * one read per byte in an array that largely stays in cache, and with 100,000 random 3-grams out
 * of 16.7 million, fewer than 1 % of positions need a closer look. This is the idea of ClamAV's own
 * shallow (depth 2-3) Aho-Corasick trie and of Wu-Manber's block filter; both matchers stay
 * selectable ({@link SignatureDatabase.Matcher}) so the benchmark can compare them.
 *
 * <p>Immutable and thread-safe once built.
 */
final class QGramIndex implements AnchorMatcher {
    private final long[] bits3 = new long[1 << 18];   // 2^24 bits
    private final long[] bits2 = new long[1 << 10];   // 2^16 bits
    private final int[] keys3;       // sorted distinct 3-grams
    private final int[] start3;      // keys3[i]'s anchors are ids3[start3[i] .. start3[i + 1])
    private final int[] ids3;
    private final int[] keys2;
    private final int[] start2;
    private final int[] ids2;
    private final byte[][] anchors;

    QGramIndex(List<byte[]> anchorList) {
        anchors = anchorList.toArray(byte[][]::new);
        long[] packed3 = new long[anchors.length];
        long[] packed2 = new long[anchors.length];
        int n3 = 0;
        int n2 = 0;
        for (int id = 0; id < anchors.length; id++) {
            byte[] a = anchors[id];
            if (a.length < 2) {
                throw new IllegalArgumentException("anchors have at least two bytes");
            }
            if (a.length >= 3) {
                int key = gram3(a, 0);
                bits3[key >>> 6] |= 1L << key;
                packed3[n3++] = ((long) key << 32) | id;
            } else {
                int key = gram2(a, 0);
                bits2[key >>> 6] |= 1L << key;
                packed2[n2++] = ((long) key << 32) | id;
            }
        }
        int[][] index3 = index(Arrays.copyOf(packed3, n3));
        keys3 = index3[0];
        start3 = index3[1];
        ids3 = index3[2];
        int[][] index2 = index(Arrays.copyOf(packed2, n2));
        keys2 = index2[0];
        start2 = index2[1];
        ids2 = index2[2];
    }

    private static int[][] index(long[] packed) {
        Arrays.sort(packed);
        int[] ids = new int[packed.length];
        int[] keys = new int[packed.length];
        int[] starts = new int[packed.length + 1];
        int distinct = 0;
        for (int i = 0; i < packed.length; i++) {
            int key = (int) (packed[i] >>> 32);
            ids[i] = (int) packed[i];
            if (distinct == 0 || keys[distinct - 1] != key) {
                keys[distinct] = key;
                starts[distinct] = i;
                distinct++;
            }
        }
        starts[distinct] = packed.length;
        return new int[][] {Arrays.copyOf(keys, distinct), Arrays.copyOf(starts, distinct + 1), ids};
    }

    private static int gram3(byte[] b, int i) {
        return (b[i] & 0xff) << 16 | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff);
    }

    private static int gram2(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    @Override
    public void search(byte[] text, int length, AhoCorasick.MatchHandler handler) {
        boolean pairs = keys2.length > 0;
        int window = 0;
        for (int i = 0; i < length; i++) {
            window = (window << 8 | (text[i] & 0xff)) & 0xffffff;
            if (i >= 2 && (bits3[window >>> 6] & (1L << window)) != 0
                    && !candidates(window, keys3, start3, ids3, text, length, i - 2, handler)) {
                return;
            }
            if (pairs && i >= 1) {
                int pair = window & 0xffff;
                if ((bits2[pair >>> 6] & (1L << pair)) != 0
                        && !candidates(pair, keys2, start2, ids2, text, length, i - 1, handler)) {
                    return;
                }
            }
        }
    }

    private boolean candidates(int key, int[] keys, int[] starts, int[] ids, byte[] text, int length, int at,
            AhoCorasick.MatchHandler handler) {
        int k = Arrays.binarySearch(keys, key);
        if (k < 0) {
            return true;
        }
        for (int j = starts[k]; j < starts[k + 1]; j++) {
            int id = ids[j];
            byte[] a = anchors[id];
            if (at + a.length <= length && Arrays.equals(text, at, at + a.length, a, 0, a.length)
                    && !handler.onMatch(id, at)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int size() {
        return keys3.length + keys2.length;
    }
}
