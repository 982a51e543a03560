package io.bulwark.scan.antispam;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.message.text.TrickyMessages;
import java.util.ArrayList;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The anti-spam text read from the shared parse with the URL finder (ADR 0040) is the text the
 * engine read before, field by field and in order, on every test message and the made tricky ones
 * ({@code -Dbulwark.text.corpus=DIR} adds a corpus).
 */
class MessageTextSharedParseTest {

    static Stream<Arguments> messages() {
        return TrickyMessages.raw().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void readsWhatTheEngineReadBefore(String name, byte[] raw) {
        MessageView view = new MessageViewParser().parse(raw);
        new io.bulwark.scan.antiphishing.links.LinkExtractor().extract(view); // the other reader first
        MessageText before = MessageTextBeforeSharedParse.render(view);
        for (MessageText now : new MessageText[] {MessageText.of(view), MessageText.render(view)}) {
            assertThat(now).isEqualTo(before);
            assertThat(now.urls()).containsExactlyElementsOf(before.urls());
            assertThat(new ArrayList<>(now.markup())).containsExactlyElementsOf(before.markup());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void madeMessagesAreNotTrivial(String name, byte[] raw) {
        Map<String, byte[]> made = TrickyMessages.made();
        if (made.containsKey(name) && !name.equals("frameset")) {
            assertThat(MessageText.of(new MessageViewParser().parse(raw)).urls()).as(name).isNotEmpty();
        }
    }
}
