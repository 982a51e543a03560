package io.bulwark.scan.antispam;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.ExecutionError;
import com.google.common.util.concurrent.UncheckedExecutionException;
import io.bulwark.scan.message.MessagePart;
import io.bulwark.scan.message.MessageView;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What the anti-spam engines read of a message's body: the visible text of its text parts (HTML
 * rendered to text with jsoup, a maintained HTML5 parser, so tags, comments and styles do not
 * count as words), the links it carries, and the facts about its shape that spam gives away
 * (HTML without a plain alternative, images with little text, links whose visible text names
 * another host).
 *
 * <p>Built once per message and shared by the engines that need it ({@link #of(MessageView)}); immutable.
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

    private static final Pattern URL = Pattern.compile(
            "(?i)\\b(?:https?://|www\\.)[a-z0-9][^\\s<>\"'()\\[\\]{}]*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** Attributes whose values say how loud the text is made to look. */
    private static final Set<String> STYLING = Set.of("color", "bgcolor", "size", "face", "align");

    public MessageText {
        urls = List.copyOf(urls);
        anchorMismatch = List.copyOf(anchorMismatch);
        markup = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(markup));
    }

    /**
     * The last few messages' texts, by the identity of their view (weak keys compare by identity and
     * let a finished message's entry go): the rules, Bayes and the URI block lists each read the
     * text of the same message, and rendering it (jsoup, links) cost as much CPU as the rules
     * themselves (issue 19; docs/benchmarks.md). A pure function of an immutable view, so sharing it
     * changes nothing but the cost. Bounded, so that many sessions cannot pin many large texts.
     */
    private static final Cache<MessageView, MessageText> RECENT = CacheBuilder.newBuilder().weakKeys()
            .maximumSize(64).build();

    /** The body as the engines read it, rendered once per message view and shared by the engines. */
    public static MessageText of(MessageView message) {
        try {
            return RECENT.get(message, () -> render(message));
        } catch (ExecutionException | UncheckedExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ExecutionError e) {
            throw (Error) e.getCause();
        }
    }

    /** The body as the engines read it, rendered anew (what {@link #of} does once per view; for benchmarks). */
    public static MessageText render(MessageView message) {
        StringBuilder text = new StringBuilder();
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
            String decoded = new String(part.bytes(), charset(part.charset()));
            if (part.contentType().equals("text/html")) {
                html++;
                Document doc = Jsoup.parse(decoded);
                for (Element a : doc.select("a[href]")) {
                    String href = a.attr("href").strip();
                    if (!href.isEmpty()) {
                        urls.add(href);
                        host(href).ifPresent(hrefHost -> {
                            Matcher shown = URL.matcher(a.text());
                            if (shown.find()) {
                                host(shown.group()).filter(h -> !sameOrSub(h, hrefHost))
                                        .ifPresent(h -> mismatch.add(h + " -> " + hrefHost));
                            }
                        });
                    }
                }
                for (Element img : doc.select("img")) {
                    images++;
                    String src = img.attr("src").strip();
                    if (!src.isEmpty() && !src.startsWith("cid:")) {
                        urls.add(src);
                    }
                }
                for (Element e : doc.body().getAllElements()) {
                    markup.add(e.normalName());
                    for (org.jsoup.nodes.Attribute attribute : e.attributes()) {
                        String name = attribute.getKey().toLowerCase(Locale.ROOT);
                        markup.add("@" + name);
                        if (STYLING.contains(name)) {
                            String value = attribute.getValue().strip().toLowerCase(Locale.ROOT);
                            if (!value.isEmpty() && value.length() <= 20) {
                                markup.add(name + "=" + value);
                            }
                        }
                    }
                }
                String visible = doc.text();
                htmlText += visible.length();
                addUrls(visible, urls);
                text.append(visible).append(' ');
            } else {
                if (part.contentType().equals("text/plain")) {
                    plain++;
                }
                addUrls(decoded, urls);
                text.append(decoded).append(' ');
            }
        }
        String collapsed = WHITESPACE.matcher(text).replaceAll(" ").strip();
        return new MessageText(collapsed, plain, html, htmlText, images, List.copyOf(urls), mismatch, markup);
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

    private static void addUrls(String text, Set<String> urls) {
        Matcher m = URL.matcher(text);
        while (m.find()) {
            String url = m.group();
            while (!url.isEmpty() && ".,;:!?".indexOf(url.charAt(url.length() - 1)) >= 0) {
                url = url.substring(0, url.length() - 1);
            }
            urls.add(url);
        }
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
