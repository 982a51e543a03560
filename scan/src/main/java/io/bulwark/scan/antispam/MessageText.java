package io.bulwark.scan.antispam;

import io.bulwark.scan.message.MessageMemo;
import io.bulwark.scan.message.MessagePart;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.text.HtmlText;
import io.bulwark.scan.message.text.MessageTexts;
import io.bulwark.scan.message.text.UrlFinder;
import io.bulwark.scan.message.text.Whitespace;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the anti-spam engines read of a message's body: the visible text of its text parts (HTML
 * rendered to text with jsoup, a maintained HTML5 parser, so tags, comments and styles do not
 * count as words; the parse is shared with the link extractor through {@link MessageTexts}), the
 * links it carries ({@link UrlFinder}), and the facts about its shape that spam gives away
 * (HTML without a plain alternative, images with little text, links whose visible text names
 * another host).
 *
 * <p>Built once per message and shared by the engines that need it ({@link #of(MessageView)}, kept in
 * the view's memo); immutable.
 * Undecodable charsets fall back to ISO-8859-1 so every byte still yields a character.
 *
 * @param text           visible text of all inline text parts, whitespace collapsed
 * @param plainParts     number of inline text/plain parts
 * @param htmlParts      number of inline text/html parts
 * @param htmlTextLength visible characters of the HTML parts
 * @param images         image parts plus {@code <img>} elements in the HTML
 * @param urls           links in the text and HTML (href, src, and bare URLs), in order, distinct
 * @param anchorMismatch hosts of links whose visible text is a URL of another host ("text host ->
 *                       href host")
 * @param markup         the HTML's element names and attribute names ("font", "@bgcolor"), and the
 *                       colours and sizes it sets ("color=#ff0000", "size=+2"), distinct, lower case:
 *                       the shape of the markup, which the visible text does not show
 */
public record MessageText(String text, int plainParts, int htmlParts, int htmlTextLength, int images,
        List<String> urls, List<String> anchorMismatch, Set<String> markup) {

    private static final MessageMemo.Key<MessageText> KEY = new MessageMemo.Key<>("anti-spam text");

    public MessageText {
        urls = List.copyOf(urls);
        anchorMismatch = List.copyOf(anchorMismatch);
        markup = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(markup));
    }

    /**
     * The body as the engines read it, rendered once per message and kept in the view's memo: the
     * rules, Bayes and the URI block lists each read the text of the same message (ADR 0040).
     */
    public static MessageText of(MessageView message) {
        return message.memo().get(KEY, () -> render(message, MessageTexts.of(message)));
    }

    /**
     * The body as the engines read it, rendered anew, its HTML parsed anew too (what {@link #of}
     * does once per view, sharing the parse with the link extractor; for benchmarks).
     */
    public static MessageText render(MessageView message) {
        return render(message, MessageTexts.unshared());
    }

    private static MessageText render(MessageView message, MessageTexts parses) {
        List<String> text = new ArrayList<>();
        Set<String> urls = new LinkedHashSet<>();
        List<String> mismatch = new ArrayList<>();
        Set<String> markup = new LinkedHashSet<>();
        int plain = 0;
        int html = 0;
        int htmlText = 0;
        int images = 0;
        for (MessagePart part : message.parts()) {
            if (part.contentType().startsWith("image/")) {
                images++;
                continue;
            }
            if (!part.isText() || part.attachment()) {
                continue;
            }
            String decoded = part.text(charset(part.charset()));
            if (part.contentType().equals("text/html")) {
                html++;
                HtmlText doc = parses.html(part, decoded);
                for (HtmlText.Item a : doc.nodes()) {
                    if (a.kind() != HtmlText.Kind.ANCHOR || !a.element().equals("a")) {
                        continue;
                    }
                    String href = a.value().strip();
                    if (!href.isEmpty()) {
                        urls.add(href);
                        host(href).ifPresent(hrefHost -> {
                            String shown = UrlFinder.firstUntrimmed(a.text(), UrlFinder.Dialect.TEXT);
                            if (shown != null) {
                                host(shown).filter(h -> !sameOrSub(h, hrefHost))
                                        .ifPresent(h -> mismatch.add(h + " -> " + hrefHost));
                            }
                        });
                    }
                }
                for (HtmlText.Item img : doc.nodes()) {
                    if (img.kind() != HtmlText.Kind.IMAGE) {
                        continue;
                    }
                    images++;
                    String src = img.value().strip();
                    if (!src.isEmpty() && !src.startsWith("cid:")) {
                        urls.add(src);
                    }
                }
                markup.addAll(doc.markup());
                String visible = doc.visibleText();
                htmlText += visible.length();
                UrlFinder.find(visible, UrlFinder.Dialect.TEXT, urls);
                text.add(visible);
            } else {
                if (part.contentType().equals("text/plain")) {
                    plain++;
                }
                UrlFinder.find(decoded, UrlFinder.Dialect.TEXT, urls);
                text.add(decoded);
            }
        }
        return new MessageText(Whitespace.collapse(text), plain, html, htmlText, images, List.copyOf(urls), mismatch,
                markup);
    }

    /** The lower-case host of a link ("www.example.com" for "HTTP://www.Example.com/x"), if it has one. */
    public static Optional<String> host(String url) {
        String u = url.strip();
        int scheme = u.indexOf("://");
        if (scheme > 0) {
            u = u.substring(scheme + 3);
        } else if (!u.regionMatches(true, 0, "www.", 0, 4)) {
            return Optional.empty();
        }
        int end = 0;
        while (end < u.length() && "/?#:\\".indexOf(u.charAt(end)) < 0) {
            end++;
        }
        String host = u.substring(0, end);
        int at = host.lastIndexOf('@');
        if (at >= 0) {
            host = host.substring(at + 1);
        }
        host = host.toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.isEmpty() || host.indexOf('.') < 0 ? Optional.empty() : Optional.of(host);
    }

    /** The hosts of all links, distinct, in order. */
    public List<String> hosts() {
        Set<String> hosts = new LinkedHashSet<>();
        for (String url : urls) {
            host(url).ifPresent(hosts::add);
        }
        return List.copyOf(hosts);
    }

    private static boolean sameOrSub(String a, String b) {
        return a.equals(b) || a.endsWith("." + b) || b.endsWith("." + a);
    }

    private static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.ISO_8859_1;
        }
        try {
            return Charset.forName(name.strip().replace("\"", ""));
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
