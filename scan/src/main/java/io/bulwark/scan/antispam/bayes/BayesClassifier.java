package io.bulwark.scan.antispam.bayes;

import java.util.Arrays;

/**
 * Spam probability of a set of tokens from {@link TokenStore} statistics, combined the way Gary
 * Robinson proposed and SpamBayes and SpamAssassin use:
 * <ol>
 *   <li>per token, the ratio p = (s/S) / (s/S + h/H) of its share of spam to ham messages, pulled
 *       towards an unknown-word probability x by Robinson's strength s: f = (s·x + n·p) / (s + n),
 *       n the messages it occurred in;</li>
 *   <li>only tokens with |f - 0.5| of at least {@code minStrength} take part, at most
 *       {@code maxTokens} of the strongest;</li>
 *   <li>Fisher's method twice: spamminess S = 1 - C⁻¹(-2 Σ ln(1-f), 2n) and hamminess
 *       H = 1 - C⁻¹(-2 Σ ln f, 2n), C⁻¹ the chi-square survival function with 2n degrees of
 *       freedom; the probability is (1 + S - H) / 2, which stays near 0.5 when the evidence
 *       pulls both ways rather than guessing.</li>
 * </ol>
 * Written here rather than taken from a library because no maintained Java library implements
 * this combining; the formulas are the published ones (Robinson, "A Statistical Approach to the
 * Spam Problem", Linux Journal 2003). Sums of logarithms avoid the underflow of products.
 *
 * <p>Immutable and thread-safe; reads the store without locking.
 */
public final class BayesClassifier {
    /** Robinson's s (strength of the prior) and x (unknown-word probability), SpamBayes' defaults. */
    public static final double STRENGTH = 0.45;
    public static final double UNKNOWN = 0.5;

    private final TokenStore store;
    private final double minStrength;
    private final int maxTokens;

    public BayesClassifier(TokenStore store) {
        this(store, 0.1, 150);
    }

    public BayesClassifier(TokenStore store, double minStrength, int maxTokens) {
        this.store = store;
        this.minStrength = minStrength;
        this.maxTokens = maxTokens;
    }

    /**
     * The outcome.
     *
     * @param probability 0 (ham) .. 1 (spam)
     * @param tokens      number of tokens that took part
     */
    public record Result(double probability, int tokens) {
    }

    /** The probability that a message with these distinct tokens is spam. */
    public Result classify(long[] tokens) {
        long spamMessages = Math.max(1, store.spamMessages());
        long hamMessages = Math.max(1, store.hamMessages());
        double[] probs = new double[tokens.length];
        int used = 0;
        for (long token : tokens) {
            TokenStore.Counts c = store.counts(token);
            long n = c.spam() + c.ham();
            if (n == 0) {
                continue;
            }
            double spamRatio = (double) c.spam() / spamMessages;
            double hamRatio = (double) c.ham() / hamMessages;
            double p = spamRatio / (spamRatio + hamRatio);
            double f = (STRENGTH * UNKNOWN + n * p) / (STRENGTH + n);
            if (Math.abs(f - 0.5) >= minStrength) {
                probs[used++] = f;
            }
        }
        double[] clues = Arrays.copyOf(probs, used);
        if (used > maxTokens) {
            Double[] boxed = Arrays.stream(clues).boxed().toArray(Double[]::new);
            Arrays.sort(boxed, (a, b) -> Double.compare(Math.abs(b - 0.5), Math.abs(a - 0.5)));
            clues = Arrays.stream(boxed).limit(maxTokens).mapToDouble(Double::doubleValue).toArray();
            used = maxTokens;
        }
        if (used == 0) {
            return new Result(0.5, 0);
        }
        double lnSpam = 0;
        double lnHam = 0;
        for (double f : clues) {
            lnSpam += Math.log(1 - f);
            lnHam += Math.log(f);
        }
        double s = 1 - chi2Q(-2 * lnSpam, 2 * used);
        double h = 1 - chi2Q(-2 * lnHam, 2 * used);
        return new Result((1 + s - h) / 2, used);
    }

    /**
     * Survival function of the chi-square distribution for an even number of degrees of freedom:
     * P(X ≥ x2), as the series e^-m Σ m^i / i! for i below v/2, m = x2/2.
     */
    static double chi2Q(double x2, int v) {
        double m = x2 / 2;
        double term = Math.exp(-m);
        double sum = term;
        for (int i = 1; i < v / 2; i++) {
            term *= m / i;
            sum += term;
        }
        return Math.min(sum, 1.0);
    }
}
