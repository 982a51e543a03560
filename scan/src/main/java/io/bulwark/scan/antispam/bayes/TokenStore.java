package io.bulwark.scan.antispam.bayes;

/**
 * The Bayes token statistics: for each token hash, in how many trained spam and ham messages it
 * occurred, and how many messages of each kind were trained. In the product these numbers are a
 * projection of {@link io.bulwark.events.antispam.MessageTrainedEvent}s (and untrainings), rebuilt
 * by replay on every node.
 *
 * <p>Implementations must be thread-safe: the classifier reads while training events arrive.
 */
public interface TokenStore {

    /** Occurrences of one token. */
    record Counts(long spam, long ham) {
        public static final Counts NONE = new Counts(0, 0);
    }

    /** Trained spam messages. */
    long spamMessages();

    /** Trained ham messages. */
    long hamMessages();

    /** The counts of one token hash ({@link Counts#NONE} when never seen). */
    Counts counts(long token);

    /**
     * Adds ({@code delta} 1) or removes ({@code delta} -1) one message's distinct tokens.
     * Counts never go below zero.
     */
    void learn(long[] tokens, boolean spam, int delta);
}
