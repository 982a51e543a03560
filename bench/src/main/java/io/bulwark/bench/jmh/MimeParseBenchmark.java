package io.bulwark.bench.jmh;

import io.bulwark.bench.Corpus;
import io.bulwark.bench.CorpusBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.message.BasicBodyFactory;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.MimeConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * MIME parsing with Apache James mime4j over the benchmark corpus, one message per operation,
 * cycling through the corpus so that the average covers the whole mix (plain, HTML, base64
 * attachments, zip archives, EICAR, spam-like; and the SpamAssassin development messages when
 * {@code corpus} names a directory built with them).
 *
 * <p>Two ways a gateway can parse: {@code dom} builds the full message tree with decoded bodies
 * held in memory (what policy code that looks at parts wants); {@code stream} runs the
 * event parser and only reads every decoded body once (what a scanner that streams parts
 * wants). Both use the permissive configuration, because real mail breaks the strict limits.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class MimeParseBenchmark {
    /** {@code generated} (in-memory mix, sizes 1 KB to 1 MB) or a directory of {@code .eml} files. */
    @Param({"generated"})
    public String corpus;

    /** How many distinct messages to cycle through. */
    @Param({"500"})
    public int messages;

    private byte[][] raw;
    private int next;
    private DefaultMessageBuilder builder;

    /** Loads or generates the messages, outside the measured time. */
    @Setup
    public void setUp() throws IOException {
        if ("generated".equals(corpus)) {
            raw = CorpusBuilder.generatedMix(messages).toArray(byte[][]::new);
        } else {
            List<Path> files = Corpus.files(Path.of(corpus));
            raw = new byte[Math.min(messages, files.size())][];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = Files.readAllBytes(files.get(i));
            }
        }
        builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        // In-memory bodies: the default storage would spill larger parts to temporary files and
        // turn this into a disk benchmark.
        builder.setBodyFactory(new BasicBodyFactory());
    }

    private byte[] nextMessage() {
        byte[] m = raw[next];
        next = next + 1 == raw.length ? 0 : next + 1;
        return m;
    }

    /** Full DOM parse with decoded bodies; returns the number of leaf parts. */
    @Benchmark
    public int dom(Blackhole bh) throws IOException {
        Message m = builder.parseMessage(new ByteArrayInputStream(nextMessage()));
        bh.consume(m.getSubject());
        int parts = leaves(m);
        m.dispose();
        return parts;
    }

    private static int leaves(Entity e) {
        Body b = e.getBody();
        if (b instanceof Multipart mp) {
            int n = 0;
            for (Entity part : mp.getBodyParts()) {
                n += leaves(part);
            }
            return n;
        }
        if (b instanceof Message inner) {
            return leaves(inner);
        }
        return 1;
    }

    /** Streaming parse reading every decoded body once; returns the decoded byte count. */
    @Benchmark
    public long stream() throws IOException, MimeException {
        long[] total = new long[1];
        byte[] buf = new byte[8192];
        MimeStreamParser parser = new MimeStreamParser(MimeConfig.PERMISSIVE);
        parser.setContentDecoding(true);
        parser.setContentHandler(new AbstractContentHandler() {
            @Override
            public void body(BodyDescriptor bd, InputStream is) throws IOException {
                int n;
                while ((n = is.read(buf)) > 0) {
                    total[0] += n;
                }
            }
        });
        parser.parse(new ByteArrayInputStream(nextMessage()));
        return total[0];
    }
}
