package io.bulwark.scan.message.text;

import io.bulwark.scan.message.MessageMemo;
import io.bulwark.scan.message.MessagePart;
import io.bulwark.scan.message.MessageView;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTML of one message, parsed once per part and shared by the engines that read it (the
 * anti-spam text and the link extractor; ADR 0040). Kept in the view's {@link MessageMemo}, so it
 * lives as long as the message.
 *
 * <p>Each engine decodes the part its own way (the anti-spam text falls back to ISO-8859-1 for an
 * unknown charset, the link extractor to UTF-8 and reads at most 4 MiB), and they keep doing so:
 * the parse is shared when the decoded texts are equal, which is every part with a known charset
 * under the size limit; otherwise the other text is parsed on its own (and not kept), so that what
 * an engine sees never depends on which engine came first.
 *
 * <p>Thread-safe: a part is parsed by the first engine that asks while the others wait for it.
 */
public final class MessageTexts {
    private static final MessageMemo.Key<MessageTexts> KEY = new MessageMemo.Key<>("html parts");

    private final ConcurrentHashMap<String, Parsed> parts = new ConcurrentHashMap<>();

    private MessageTexts() {
    }

    /** The shared parses of this message's HTML. */
    public static MessageTexts of(MessageView message) {
        return message.memo().get(KEY, MessageTexts::new);
    }

    /** Parses of one's own, shared with no one: for readings made anew (benchmarks, references). */
    public static MessageTexts unshared() {
        return new MessageTexts();
    }

    /** The reading of {@code part}'s HTML as decoded to {@code html}, parsed on first use. */
    public HtmlText html(MessagePart part, String html) {
        Parsed parsed = parts.computeIfAbsent(part.path(), p -> new Parsed());
        synchronized (parsed) {
            if (parsed.source == null) {
                parsed.text = HtmlText.parse(html);
                parsed.source = html;
                return parsed.text;
            }
            if (parsed.source.equals(html)) {
                return parsed.text;
            }
        }
        return HtmlText.parse(html);
    }

    private static final class Parsed {
        String source;
        HtmlText text;
    }
}
