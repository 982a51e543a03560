package io.bulwark.scan.antispam.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.bulwark.events.antispam.MessageTrainedEvent;
import io.bulwark.events.antispam.MessageUntrainedEvent;
import io.bulwark.events.antispam.TrainingVerdict;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.testing.BayesTrainingSet;
import io.bulwark.scan.testing.CheckHarness;
import io.bulwark.scan.testing.TestMessages;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BayesClassifierTest {
    private static MessageView message(Random random, String[] words, int n) {
        return BayesTrainingSet.message(random, words, n);
    }

    private static MessageTrainedEvent trained(String id, MessageView m, TrainingVerdict verdict) {
        return BayesTrainingSet.trained(id, m, verdict);
    }

    private static InMemoryTokenStore trainedStore(Random random, int each) {
        InMemoryTokenStore store = new InMemoryTokenStore();
        BayesTrainingSet.events(random, each).forEach(store::on);
        return store;
    }

    @Test
    void chiSquareSurvivalMatchesClosedForms() {
        // two degrees of freedom: Q = e^(-x/2); four: e^(-x/2) (1 + x/2)
        assertThat(BayesClassifier.chi2Q(2, 2)).isCloseTo(Math.exp(-1), within(1e-12));
        assertThat(BayesClassifier.chi2Q(6, 4)).isCloseTo(Math.exp(-3) * 4, within(1e-12));
        assertThat(BayesClassifier.chi2Q(0, 10)).isEqualTo(1.0);
    }

    @Test
    void separatesUnseenMessagesOfTheTrainedKinds() {
        Random random = new Random(7);
        BayesClassifier classifier = new BayesClassifier(trainedStore(random, 60));
        for (int i = 0; i < 20; i++) {
            assertThat(classifier.classify(Tokenizer.hashes(message(random, BayesTrainingSet.SPAM_WORDS, 30))).probability())
                    .isGreaterThan(0.95);
            assertThat(classifier.classify(Tokenizer.hashes(message(random, BayesTrainingSet.HAM_WORDS, 30))).probability())
                    .isLessThan(0.05);
        }
    }

    @Test
    void unknownTokensAndMixedEvidenceStayUnsure() {
        Random random = new Random(11);
        BayesClassifier classifier = new BayesClassifier(trainedStore(random, 30));
        assertThat(classifier.classify(new long[] {1, 2, 3}).probability()).isEqualTo(0.5);
        String both = "viagra lottery winner prize casino meeting budget report quarterly agenda";
        double p = classifier.classify(Tokenizer.hashes(new MessageViewParser().parse(TestMessages.plain("x", both))))
                .probability();
        assertThat(p).isBetween(0.2, 0.8);
    }

    @Test
    void aMarkAsSpamRaisesANearIdenticalMessageAndUntrainingUndoesIt() {
        Random random = new Random(3);
        InMemoryTokenStore store = trainedStore(random, 40);
        BayesClassifier classifier = new BayesClassifier(store);
        String text = "Dear customer, your parcel zorblax awaits quixotic redelivery fee payment kwerty";
        MessageView marked = new MessageViewParser().parse(TestMessages.plain("parcel", text));
        MessageView similar = new MessageViewParser().parse(TestMessages.plain("parcel", text + " today"));
        double before = classifier.classify(Tokenizer.hashes(similar)).probability();
        MessageTrainedEvent mark = trained("m1", marked, TrainingVerdict.SPAM);
        for (int i = 0; i < 5; i++) {
            store.on(new MessageTrainedEvent("m1-" + i, mark.queueId(), mark.sha256(), mark.verdict(),
                    mark.tokenizer(), mark.tokens(), "admin", Instant.EPOCH));
        }
        double after = classifier.classify(Tokenizer.hashes(similar)).probability();
        assertThat(after).isGreaterThan(before).isGreaterThan(0.9);
        for (int i = 0; i < 5; i++) {
            store.on(new MessageUntrainedEvent("m1-" + i, TrainingVerdict.SPAM, Tokenizer.NAME, mark.tokens(), "admin",
                    Instant.EPOCH));
        }
        assertThat(classifier.classify(Tokenizer.hashes(similar)).probability()).isCloseTo(before, within(1e-9));
    }

    @Test
    void applyingIsIdempotentPerMarkAndIgnoresOtherTokenizers() {
        Random random = new Random(9);
        MessageTrainedEvent mark = trained("m1", message(random, BayesTrainingSet.SPAM_WORDS, 20), TrainingVerdict.SPAM);
        InMemoryTokenStore store = new InMemoryTokenStore();
        assertThat(store.on(mark)).isTrue();
        assertThat(store.on(mark)).isFalse();
        assertThat(store.spamMessages()).isEqualTo(1);
        long token = mark.tokens().getFirst();
        assertThat(store.counts(token)).isEqualTo(new TokenStore.Counts(1, 0));
        // the same message re-marked as ham under the same id moves, it is never counted twice
        store.on(new MessageTrainedEvent("m1", "q", "00", TrainingVerdict.HAM, Tokenizer.NAME, mark.tokens(), "a",
                Instant.EPOCH));
        assertThat(store.counts(token)).isEqualTo(new TokenStore.Counts(0, 1));
        assertThat(store.spamMessages()).isZero();
        // untraining a verdict the mark does not have, or an unknown mark, changes nothing
        assertThat(store.on(new MessageUntrainedEvent("m1", TrainingVerdict.SPAM, Tokenizer.NAME, mark.tokens(), "a",
                Instant.EPOCH))).isFalse();
        assertThat(store.on(new MessageUntrainedEvent("m9", TrainingVerdict.HAM, Tokenizer.NAME, mark.tokens(), "a",
                Instant.EPOCH))).isFalse();
        assertThat(store.hamMessages()).isEqualTo(1);
        assertThat(store.on(new MessageTrainedEvent("m2", "q", "00", TrainingVerdict.SPAM, "other-0", mark.tokens(),
                "a", Instant.EPOCH))).isFalse();
        assertThat(store.spamMessages()).isZero();
        assertThat(store.marks()).containsOnlyKeys("m1");
    }

    @Test
    void theCheckReportsTheBandAndStaysOutUntilTrained() {
        Random random = new Random(5);
        InMemoryTokenStore store = trainedStore(random, 60);
        try (CheckHarness bayes = new CheckHarness(new BayesCheck(store, 50), ScanServices.none());
                CheckHarness untrained = new CheckHarness(new BayesCheck(new InMemoryTokenStore(), 50),
                        ScanServices.none())) {
            ModuleVerdict spam = bayes.verdict(message(random, BayesTrainingSet.SPAM_WORDS, 40));
            assertThat(spam.symbols()).extracting(s -> s.name()).containsAnyOf("BAYES_99", "BAYES_999");
            assertThat(spam.score()).isGreaterThanOrEqualTo(55);
            ModuleVerdict ham = bayes.verdict(message(random, BayesTrainingSet.HAM_WORDS, 40));
            assertThat(ham.symbols()).extracting(s -> s.name()).containsExactly("BAYES_00");
            assertThat(ham.status()).isEqualTo(ScanStatus.NOT_SPAM);
            ModuleVerdict none = untrained.verdict(message(random, BayesTrainingSet.SPAM_WORDS, 40));
            assertThat(none.status()).isEqualTo(ScanStatus.NOT_SPAM);
            assertThat(none.symbols()).isEmpty();
            assertThat(none.reasons()).anyMatch(r -> r.startsWith("Bayes not used"));
        }
    }

    @Test
    void bandsCoverZeroToOneWithoutGaps() {
        List<BayesCheck.Band> bands = BayesCheck.BANDS;
        assertThat(bands.getFirst().from()).isZero();
        for (int i = 1; i < bands.size(); i++) {
            assertThat(bands.get(i).from()).isEqualTo(bands.get(i - 1).to());
        }
        assertThat(BayesCheck.band(1.0).symbol()).isEqualTo("BAYES_999");
        assertThat(BayesCheck.band(0.5).symbol()).isEqualTo("BAYES_50");
    }

    @Test
    void tokensAreHashesNotWords() {
        MessageView m = new MessageViewParser().parse(TestMessages.plain("hello", "confidential merger"));
        MessageTrainedEvent e = trained("x", m, TrainingVerdict.HAM);
        assertThat(e.toString()).doesNotContain("confidential").doesNotContain("merger");
        assertThat(e.tokens()).doesNotHaveDuplicates().isNotEmpty();
    }
}
