package io.bulwark.scan.antivirus.signatures;

import io.bulwark.scan.match.AhoCorasick;

/**
 * Finds every occurrence of the body signatures' anchors in an object. Immutable and thread-safe.
 */
interface AnchorMatcher {

    /** Calls {@code handler} for every anchor occurrence in {@code text[0, length)}. */
    void search(byte[] text, int length, AhoCorasick.MatchHandler handler);

    /** A size for the load report: automaton states, or distinct leading q-grams. */
    int size();

    /** The classic automaton over the whole anchors. */
    static AnchorMatcher ahoCorasick(java.util.List<byte[]> anchors) {
        AhoCorasick automaton = AhoCorasick.build(anchors);
        return new AnchorMatcher() {
            @Override
            public void search(byte[] text, int length, AhoCorasick.MatchHandler handler) {
                automaton.search(text, length, handler);
            }

            @Override
            public int size() {
                return automaton.size();
            }
        };
    }
}
