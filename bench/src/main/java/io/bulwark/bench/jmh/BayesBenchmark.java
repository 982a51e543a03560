package io.bulwark.bench.jmh;

import io.bulwark.events.antispam.MessageTrainedEvent;
import io.bulwark.events.antispam.MessageUntrainedEvent;
import io.bulwark.events.antispam.TrainingVerdict;
import io.bulwark.scan.antispam.MessageText;
import io.bulwark.scan.antispam.bayes.BayesClassifier;
import io.bulwark.scan.antispam.bayes.InMemoryTokenStore;
import io.bulwark.scan.antispam.bayes.TokenStore;
import io.bulwark.scan.antispam.bayes.Tokenizer;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the Bayes classifier per message (issue 12: "measure lookup cost"), with token
 * statistics the size of a real training history: 200,000 distinct token hashes from 4,000
 * trained messages (a Zipf-like vocabulary, as words are), in the in-memory projection.
 *
 * <ul>
 *   <li>{@code lookupAndCombine}: the statistics lookups of one message's ~300 distinct token
 *       hashes plus Robinson/Fisher combining (what a node does per message once it has the
 *       hashes);</li>
 *   <li>{@code tokenize}: parse-free tokenizing and hashing of an already parsed 3 KB message
 *       (HTML rendering included when there is HTML);</li>
 *   <li>{@code tokenizeAndClassify}: both, what the Bayes check costs per message;</li>
 *   <li>{@code applyAndUntrainOneMark}: a node's projection applying one training event and its
 *       untraining (ADR 0017), i.e. twice the fold cost of one mark during a replay.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class BayesBenchmark {
    private static final int VOCABULARY = 200_000;

    private BayesClassifier classifier;
    private InMemoryTokenStore store;
    private MessageTrainedEvent[] marks;
    private MessageUntrainedEvent[] unmarks;
    private MessageView[] messages;
    private long[][] hashes;
    private int next;

    private static String word(SplittableRandom rng) {
        // Zipf-like: small ids are far more frequent
        int id = (int) Math.min(VOCABULARY - 1, Math.floor(Math.pow(VOCABULARY, rng.nextDouble())));
        return "w" + Integer.toString(id, 36);
    }

    private static byte[] message(SplittableRandom rng, int words) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < words; i++) {
            body.append(word(rng)).append(i % 12 == 11 ? "\r\n" : " ");
        }
        return ("From: someone" + rng.nextInt(500) + "@example" + rng.nextInt(50) + ".net\r\nTo: rcpt@corp.example\r\n"
                + "Subject: " + word(rng) + " " + word(rng) + "\r\nMessage-ID: <" + rng.nextLong() + "@example.net>\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(12);
        MessageViewParser parser = new MessageViewParser();
        store = new InMemoryTokenStore();
        for (int i = 0; i < 4000; i++) {
            store.learn(Tokenizer.hashes(parser.parse(message(rng, 400))), i % 2 == 0, 1);
        }
        classifier = new BayesClassifier(store);
        messages = new MessageView[64];
        hashes = new long[64][];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = parser.parse(message(rng, 400));
            hashes[i] = Tokenizer.hashes(messages[i]);
        }
        marks = new MessageTrainedEvent[64];
        unmarks = new MessageUntrainedEvent[64];
        for (int i = 0; i < marks.length; i++) {
            List<Long> tokens = Arrays.stream(hashes[i]).boxed().toList();
            marks[i] = new MessageTrainedEvent("bench-" + i, "Q" + i, "00", TrainingVerdict.SPAM, Tokenizer.NAME, tokens,
                    "bench", Instant.EPOCH);
            unmarks[i] = new MessageUntrainedEvent("bench-" + i, TrainingVerdict.SPAM, Tokenizer.NAME, tokens, "bench",
                    Instant.EPOCH);
        }
        TokenStore s = store;
        System.err.printf("token statistics: %d distinct hashes, %d spam / %d ham messages%n", store.size(),
                s.spamMessages(), s.hamMessages());
    }

    @Benchmark
    public double lookupAndCombine() {
        next = (next + 1) & 63;
        return classifier.classify(hashes[next]).probability();
    }

    @Benchmark
    public long[] tokenize() {
        next = (next + 1) & 63;
        // rendered anew: MessageText.of would serve these views from their memo after the first round
        return Tokenizer.hashes(messages[next], MessageText.render(messages[next]));
    }

    @Benchmark
    public boolean applyAndUntrainOneMark() {
        next = (next + 1) & 63;
        return store.on(marks[next]) & store.on(unmarks[next]);
    }

    @Benchmark
    public double tokenizeAndClassify() {
        next = (next + 1) & 63;
        return classifier.classify(Tokenizer.hashes(messages[next], MessageText.render(messages[next])))
                .probability();
    }
}
