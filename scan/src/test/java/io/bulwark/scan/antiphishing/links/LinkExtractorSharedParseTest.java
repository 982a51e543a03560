package io.bulwark.scan.antiphishing.links;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.antispam.MessageText;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.message.text.TrickyMessages;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The links read from the shared parse with the URL finder (ADR 0040) are the links the extractor
 * read before, in order, with the same truncation, on every test message and the made tricky ones,
 * whichever engine reads the message first.
 */
class LinkExtractorSharedParseTest {

    static Stream<Arguments> messages() {
        return TrickyMessages.raw().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void readsWhatTheExtractorReadBefore(String name, byte[] raw) {
        MessageView view = new MessageViewParser().parse(raw);
        LinkExtractor.Links before = new LinkExtractorBeforeSharedParse().extract(view);
        LinkExtractor.Links now = new LinkExtractor().extract(view);
        assertThat(now.links()).containsExactlyElementsOf(before.links());
        assertThat(now.truncated()).isEqualTo(before.truncated());
        assertThat(new LinkExtractor().extract(view)).isSameAs(now);
        assertThat(LinkExtractor.read(view)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void theAntiSpamTextReadingFirstChangesNothing(String name, byte[] raw) {
        MessageView view = new MessageViewParser().parse(raw);
        MessageText.of(view);
        assertThat(new LinkExtractor().extract(view)).isEqualTo(new LinkExtractorBeforeSharedParse().extract(view));
    }

    @org.junit.jupiter.api.Test
    void theTwoReadersInParallelOnOneViewReadWhatEachReadBefore() throws Exception {
        for (byte[] raw : TrickyMessages.made().values()) {
            MessageView view = new MessageViewParser().parse(raw);
            MessageText text = io.bulwark.scan.antispam.MessageText.render(view);
            LinkExtractor.Links links = new LinkExtractorBeforeSharedParse().extract(view);
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<Object>> readings = new java.util.ArrayList<>();
            try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 16; i++) {
                    boolean spam = i % 2 == 0;
                    readings.add(threads.submit(() -> {
                        start.await();
                        return spam ? MessageText.of(view) : new LinkExtractor().extract(view);
                    }));
                }
                start.countDown();
                for (int i = 0; i < readings.size(); i++) {
                    assertThat(readings.get(i).get()).isEqualTo(i % 2 == 0 ? text : links);
                }
            }
        }
    }
}
