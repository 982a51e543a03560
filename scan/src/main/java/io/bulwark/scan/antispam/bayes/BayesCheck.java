package io.bulwark.scan.antispam.bayes;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.Symbol;
import io.bulwark.scan.SymbolDefinition;
import java.util.List;
import java.util.Locale;

/**
 * Anti-spam check that reports the Bayes probability of a message as one symbol of its band,
 * {@code BAYES_00} (below 1 %) to {@code BAYES_999} (99.9 % and above), each with a weight on the
 * 0-100 rating scale: negative for the ham bands, so confident ham offsets weak rule hits, and
 * high for the top bands. Defends against spam that the hand-written rules do not describe,
 * learned from the organisation's own training marks.
 *
 * <p>Until the statistics hold {@code minMessages} spam and ham messages each, the check is
 * CLEAN with a remark (an untrained filter must neither judge nor make every message "not
 * scanned"). Reads the {@link TokenStore} given at construction; thread-safe.
 */
public final class BayesCheck implements Check {

    /** One probability band and its symbol. */
    public record Band(String symbol, double from, double to, double weight) {
    }

    /**
     * The bands, lowest first; {@code from} inclusive, {@code to} exclusive. The weights of the
     * upper bands were chosen by nested cross-validation on the development groups of the
     * SpamAssassin corpus (docs/antispam.md, "Accuracy"; bench {@code BandWeightSearch}, together
     * with one factor for the starter rules' weights): the most spam caught with no ham at or above
     * the spam threshold and every ham at least 15 below it, in four folds, checked on the fifth.
     * From 95 % on, Bayes alone makes a message spam.
     */
    public static final List<Band> BANDS = List.of(
            new Band("BAYES_00", 0.0, 0.01, -20),
            new Band("BAYES_05", 0.01, 0.05, -8),
            new Band("BAYES_20", 0.05, 0.20, -3),
            new Band("BAYES_40", 0.20, 0.40, -1),
            new Band("BAYES_50", 0.40, 0.60, 0),
            new Band("BAYES_60", 0.60, 0.80, 30),
            new Band("BAYES_80", 0.80, 0.95, 55),
            new Band("BAYES_95", 0.95, 0.99, 70),
            new Band("BAYES_99", 0.99, 0.999, 70),
            new Band("BAYES_999", 0.999, 1.0000001, 70));

    private final BayesClassifier classifier;
    private final TokenStore store;
    private final long minMessages;

    /**
     * @param store       the token statistics (a projection of training events)
     * @param minMessages trained spam and ham messages each before the check judges
     */
    public BayesCheck(TokenStore store, long minMessages) {
        this.store = store;
        this.classifier = new BayesClassifier(store);
        this.minMessages = minMessages;
    }

    @Override
    public String name() {
        return "bayes";
    }

    @Override
    public ProtectionModule module() {
        return ProtectionModule.ANTI_SPAM;
    }

    @Override
    public List<SymbolDefinition> symbols() {
        return BANDS.stream().map(b -> new SymbolDefinition(b.symbol(), ProtectionModule.ANTI_SPAM, b.weight(), null,
                String.format(Locale.ROOT, "Bayes spam probability %.1f%%..%.1f%%", b.from() * 100,
                        Math.min(100, b.to() * 100)))).toList();
    }

    @Override
    public CheckResult run(CheckContext context) {
        if (store.spamMessages() < minMessages || store.hamMessages() < minMessages) {
            return CheckResult.clean("Bayes not used: trained on " + store.spamMessages() + " spam and "
                    + store.hamMessages() + " ham, needs " + minMessages + " of each");
        }
        BayesClassifier.Result result = classifier.classify(Tokenizer.hashes(context.message()));
        Band band = band(result.probability());
        return CheckResult.found(Symbol.of(band.symbol(), String.format(Locale.ROOT,
                "Bayes spam probability %.4f from %d tokens", result.probability(), result.tokens())));
    }

    /** The band of a probability. */
    public static Band band(double probability) {
        for (Band b : BANDS) {
            if (probability >= b.from() && probability < b.to()) {
                return b;
            }
        }
        return BANDS.getLast();
    }
}
