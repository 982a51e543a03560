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
import io.bulwark.scan.testing.CheckHarness;
import io.bulwark.scan.testing.TestMessages;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BayesClassifierTest {
    private static final String[] HAM_WORDS = {"meeting", "budget", "report", "quarterly", "project", "schedule",
            "review", "draft", "minutes", "agenda", "colleague", "deadline", "thanks", "regards", "attached"};
    private static final String[] SPAM_WORDS = {"viagra", "winner", "lottery", "cheap", "pills", "unclaimed",
            "prize", "casino", "bonus", "guaranteed", "mortgage", "refinance", "discount", "exclusive", "offer"};
    private static final String[] COMMON = {"hello", "today", "please", "would", "about", "there", "which", "their"};

    private static MessageView message(Random random, String[] words, int n) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String[] from = random.nextInt(3) == 0 ? COMMON : words;
            body.append(from[random.nextInt(from.length)]).append(' ');
        }
        return new MessageViewParser().parse(TestMessages.plain("note " + random.nextInt(1000), body.toString()));
    }

    private static MessageTrainedEvent trained(String id, MessageView m, TrainingVerdict verdict) {
        return new MessageTrainedEvent(id, "q-" + id, "00", verdict, Tokenizer.NAME,
                Arrays.stream(Tokenizer.hashes(m)).boxed().toList(), "test", Instant.EPOCH);
    }

    private static InMemoryTokenStore trainedStore(Random random, int each) {
        InMemoryTokenStore store = new InMemoryTokenStore();
        for (int i = 0; i < each; i++) {
            store.on(trained("h" + i, message(random, HAM_WORDS, 40), TrainingVerdict.HAM));
            store.on(trained("s" + i, message(random, SPAM_WORDS, 40), TrainingVerdict.SPAM));
        }
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
            assertThat(classifier.classify(Tokenizer.hashes(message(random, SPAM_WORDS, 30))).probability())
                    .isGreaterThan(0.95);
            assertThat(classifier.classify(Tokenizer.hashes(message(random, HAM_WORDS, 30))).probability())
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
    void theCheckReportsTheBandAndStaysOutUntilTrained() {
        Random random = new Random(5);
        InMemoryTokenStore store = trainedStore(random, 60);
        try (CheckHarness bayes = new CheckHarness(new BayesCheck(store, 50), ScanServices.none());
                CheckHarness untrained = new CheckHarness(new BayesCheck(new InMemoryTokenStore(), 50),
                        ScanServices.none())) {
            ModuleVerdict spam = bayes.verdict(message(random, SPAM_WORDS, 40));
            assertThat(spam.symbols()).extracting(s -> s.name()).containsAnyOf("BAYES_99", "BAYES_999");
            assertThat(spam.score()).isGreaterThanOrEqualTo(55);
            ModuleVerdict ham = bayes.verdict(message(random, HAM_WORDS, 40));
            assertThat(ham.symbols()).extracting(s -> s.name()).containsExactly("BAYES_00");
            assertThat(ham.status()).isEqualTo(ScanStatus.NOT_SPAM);
            ModuleVerdict none = untrained.verdict(message(random, SPAM_WORDS, 40));
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
