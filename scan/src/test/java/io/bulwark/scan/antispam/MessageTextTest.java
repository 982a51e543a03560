package io.bulwark.scan.antispam;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The engines share one rendering per message view; it is the same as rendering anew. */
class MessageTextTest {
    private static final String HTML = """
            From: a@example.net
            Subject: offer
            Content-Type: text/html; charset=utf-8

            <html><body><p>Visit <a href="https://shop.example/x">https://other.example/</a> now</p></body></html>
            """;

    private static MessageView parse() {
        return new MessageViewParser().parse(HTML.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oneViewIsRenderedOnceAndEqualsAFreshRendering() {
        MessageView view = parse();
        MessageText first = MessageText.of(view);
        assertThat(MessageText.of(view)).isSameAs(first);
        assertThat(first).isEqualTo(MessageText.render(view));
        assertThat(first.urls()).contains("https://shop.example/x");
        assertThat(first.anchorMismatch()).isNotEmpty();
    }

    @Test
    void equalButDistinctViewsAreRenderedEachOnTheirOwn() {
        MessageView a = parse();
        MessageView b = parse();
        assertThat(a).isEqualTo(b);
        assertThat(MessageText.of(a)).isNotSameAs(MessageText.of(b)).isEqualTo(MessageText.of(b));
    }
}
