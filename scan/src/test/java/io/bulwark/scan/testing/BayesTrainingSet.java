package io.bulwark.scan.testing;

import io.bulwark.events.antispam.MessageTrainedEvent;
import io.bulwark.events.antispam.TrainingVerdict;
import io.bulwark.scan.antispam.bayes.Tokenizer;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Synthetic Bayes training material for tests: messages drawn from a ham and a spam vocabulary with
 * some common words, and the training events of such messages. Deterministic for a given seed.
 */
public final class BayesTrainingSet {
    public static final String[] HAM_WORDS = {"meeting", "budget", "report", "quarterly", "project", "schedule",
            "review", "draft", "minutes", "agenda", "colleague", "deadline", "thanks", "regards", "attached"};
    public static final String[] SPAM_WORDS = {"viagra", "winner", "lottery", "cheap", "pills", "unclaimed",
            "prize", "casino", "bonus", "guaranteed", "mortgage", "refinance", "discount", "exclusive", "offer"};
    public static final String[] COMMON = {"hello", "today", "please", "would", "about", "there", "which", "their"};

    private BayesTrainingSet() {
    }

    /** The raw bytes of a message of {@code n} words, a third of them common. */
    public static byte[] raw(Random random, String[] words, int n) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String[] from = random.nextInt(3) == 0 ? COMMON : words;
            body.append(from[random.nextInt(from.length)]).append(' ');
        }
        return TestMessages.plain("note " + random.nextInt(1000), body.toString());
    }

    /** A parsed message of {@code n} words, a third of them common. */
    public static MessageView message(Random random, String[] words, int n) {
        return new MessageViewParser().parse(raw(random, words, n));
    }

    /** The training event of a message. */
    public static MessageTrainedEvent trained(String id, MessageView m, TrainingVerdict verdict) {
        return new MessageTrainedEvent(id, "q-" + id, "00", verdict, Tokenizer.NAME,
                Arrays.stream(Tokenizer.hashes(m)).boxed().toList(), "test", Instant.EPOCH);
    }

    /** {@code each} ham and {@code each} spam training events, alternating. */
    public static List<MessageTrainedEvent> events(Random random, int each) {
        List<MessageTrainedEvent> events = new ArrayList<>();
        for (int i = 0; i < each; i++) {
            events.add(trained("h" + i, message(random, HAM_WORDS, 40), TrainingVerdict.HAM));
            events.add(trained("s" + i, message(random, SPAM_WORDS, 40), TrainingVerdict.SPAM));
        }
        return events;
    }
}
