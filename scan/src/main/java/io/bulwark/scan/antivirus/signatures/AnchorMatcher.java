package io.bulwark.scan.antivirus.signatures;

/**
 * Finds every occurrence of the body signatures' anchors in an object. Immutable and thread-safe.
 */
interface AnchorMatcher {

    /** Calls {@code handler} for every anchor occurrence in {@code text[0, length)}. */
    void search(byte[] text, int length, AhoCorasick.MatchHandler handler);

    /** A size for the load report: automaton states, or distinct leading q-grams. */
    int size();
}
