package io.bulwark.scan.antiphishing.links;

import io.bulwark.scan.message.MessageMemo;
import io.bulwark.scan.message.MessagePart;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.text.HtmlText;
import io.bulwark.scan.message.text.MessageTexts;
import io.bulwark.scan.message.text.UrlFinder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the links of a message: in HTML parts and HTML attachments every {@code href},
 * {@code src}, form {@code action} and meta refresh target, resolved against {@code <base href>}
 * when relative, and bare addresses in text; in plain text parts the bare addresses
 * ({@code https://...}, {@code www....}).
 *
 * <p>It works on the message view's <em>decoded</em> parts, so a link split by a
 * quoted-printable soft line break ({@code =} at a line end, RFC 2045 6.7) or hidden in base64 is
 * whole again; HTML entities ({@code &#104;ttp&#58;//}) are decoded by the HTML parser (jsoup, a
 * small, well-kept WHATWG-conformant parser, so that links are found where browsers find them,
 * also in broken markup). The parse is the message's shared one ({@link MessageTexts}: the
 * anti-spam text reads the same), bare addresses are found by {@link UrlFinder}, and a message's
 * links are read once and kept in the view's memo, for the three anti-phishing checks that ask
 * (ADR 0040). Each target is read by {@link WebAddress}.
 *
 * <p>Limits: at most {@link #MAX_LINKS} links per message and {@link #MAX_HTML_BYTES} bytes of
 * each HTML part are read; what lies beyond is not seen (the result says so). Stateless and
 * thread-safe.
 */
public final class LinkExtractor {
    /** Links kept per message; a message with more is judged on the first ones. */
    public static final int MAX_LINKS = 2000;
    /** Bytes of one HTML or text part that are read. */
    public static final int MAX_HTML_BYTES = 4 * 1024 * 1024;

    private static final MessageMemo.Key<Links> KEY = new MessageMemo.Key<>("links");
    private static final Pattern REFRESH_URL = Pattern.compile("(?i)url\\s*=\\s*['\"]?([^'\"\\s;]+)");

    /** The links of a message and whether some were left unread (limits). */
    public record Links(List<Link> links, boolean truncated) {
        public Links {
            links = List.copyOf(links);
        }
    }

    /** Every link of the message, in document order; read once per message and kept in its memo. */
    public Links extract(MessageView message) {
        return message.memo().get(KEY, () -> read(message, MessageTexts.of(message)));
    }

    /**
     * Every link of the message, read anew, its HTML parsed anew too (what {@link #extract} does once
     * per message, sharing the parse with the anti-spam text; for benchmarks).
     */
    public static Links read(MessageView message) {
        return read(message, MessageTexts.unshared());
    }

    private static Links read(MessageView message, MessageTexts parses) {
        List<Link> links = new ArrayList<>();
        boolean truncated = false;
        for (MessagePart part : message.parts()) {
            if (links.size() >= MAX_LINKS) {
                truncated = true;
                break;
            }
            if (isHtml(part)) {
                truncated |= html(parses, part, links);
            } else if (part.contentType().equals("text/plain") && !part.attachment()) {
                truncated |= text(decode(part), part.path(), links);
            }
        }
        if (links.size() > MAX_LINKS) {
            truncated = true;
            links = links.subList(0, MAX_LINKS);
        }
        return new Links(links, truncated);
    }

    /** Whether a part is HTML: by type, or an attachment named .htm, .html, .shtml, .xhtml. */
    static boolean isHtml(MessagePart part) {
        if (part.contentType().equals("text/html") || part.contentType().equals("application/xhtml+xml")) {
            return true;
        }
        String name = part.filename() == null ? "" : part.filename().toLowerCase(Locale.ROOT);
        return name.endsWith(".htm") || name.endsWith(".html") || name.endsWith(".shtml") || name.endsWith(".xhtml");
    }

    /** The links of one HTML document (also usable on its own, e.g. in benchmarks). */
    public static List<Link> html(String html, String partPath) {
        List<Link> links = new ArrayList<>();
        html(HtmlText.parse(html), partPath, links);
        return links;
    }

    private static boolean html(MessageTexts parses, MessagePart part, List<Link> links) {
        String html = decode(part);
        html(parses.html(part, html), part.path(), links);
        return part.size() > MAX_HTML_BYTES || part.truncated();
    }

    private static void html(HtmlText doc, String path, List<Link> links) {
        Optional<WebAddress> base = doc.baseHref() == null ? Optional.empty()
                : WebAddress.parse(doc.baseHref()).filter(WebAddress::web);
        for (HtmlText.Item item : doc.nodes()) {
            switch (item.kind()) {
                case TEXT -> bare(item.value(), path, links);
                case ANCHOR -> add(item.value(), base, Link.Kind.ANCHOR, item.text(), path, false, links);
                case FORM -> add(item.value(), base, Link.Kind.FORM_ACTION, "", path, item.flag(), links);
                case REFRESH -> {
                    Matcher m = REFRESH_URL.matcher(item.value());
                    if (m.find()) {
                        add(m.group(1), base, Link.Kind.META_REFRESH, "", path, false, links);
                    }
                }
                case IMAGE -> {
                    if (item.present()) {
                        add(item.value(), base, Link.Kind.SOURCE, "", path, false, links);
                    }
                }
                case SOURCE -> add(item.value(), base, Link.Kind.SOURCE, "", path, false, links);
                case FORM_ACTION -> add(item.value(), base, Link.Kind.FORM_ACTION, "", path, false, links);
            }
        }
    }

    private static void add(String written, Optional<WebAddress> base, Link.Kind kind, String text, String path,
            boolean credentials, List<Link> links) {
        if (links.size() > MAX_LINKS) {
            return;
        }
        Optional<WebAddress> target = WebAddress.parse(written);
        if (target.isEmpty() && base.isPresent() && !written.isBlank() && !written.strip().startsWith("#")) {
            target = WebAddress.parse(resolve(base.get(), written.strip()));
        }
        if (target.isEmpty() && kind == Link.Kind.FORM_ACTION && base.isEmpty()) {
            // a form without an absolute action posts to the page's own address: nowhere, in a mail
            return;
        }
        target.ifPresent(t -> links.add(new Link(t, kind, text.strip(), path, credentials)));
    }

    private static String resolve(WebAddress base, String relative) {
        String origin = (base.scheme().isEmpty() ? "http" : base.scheme()) + "://" + base.host();
        if (relative.startsWith("/")) {
            return origin + relative;
        }
        String dir = base.path().contains("/") ? base.path().substring(0, base.path().lastIndexOf('/') + 1) : "/";
        return origin + dir + relative;
    }

    private static boolean text(String text, String path, List<Link> links) {
        bare(text, path, links);
        return text.length() >= MAX_HTML_BYTES;
    }

    private static void bare(String text, String path, List<Link> links) {
        // sentence punctuation after an address is not part of it: the finder trims it
        for (String url : UrlFinder.find(text, UrlFinder.Dialect.LINKS)) {
            if (links.size() > MAX_LINKS) {
                return;
            }
            WebAddress.parse(url).filter(WebAddress::web)
                    .ifPresent(t -> links.add(new Link(t, Link.Kind.TEXT, "", path, false)));
        }
    }

    private static String decode(MessagePart part) {
        Charset charset = StandardCharsets.UTF_8;
        if (part.charset() != null) {
            try {
                charset = Charset.forName(part.charset().strip());
            } catch (RuntimeException e) {
                // unknown charset: UTF-8 keeps ASCII links readable
            }
        }
        return part.text(charset, MAX_HTML_BYTES);
    }
}
