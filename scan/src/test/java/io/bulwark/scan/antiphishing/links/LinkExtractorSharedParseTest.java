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
}
