package io.bulwark.scan.antiphishing.links;

import io.bulwark.scan.message.MessagePart;
import io.bulwark.scan.message.MessageView;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

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
 * also in broken markup). Each target is read by {@link WebAddress}.
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

    private static final Pattern BARE = Pattern.compile(
            "(?i)\\b(?:(?:https?|ftp)://|www\\.)[^\\s<>\"'`{}|\\\\^\\[\\]]+");
    private static final Pattern REFRESH_URL = Pattern.compile("(?i)url\\s*=\\s*['\"]?([^'\"\\s;]+)");

    /** The links of a message and whether some were left unread (limits). */
    public record Links(List<Link> links, boolean truncated) {
        public Links {
            links = List.copyOf(links);
        }
    }

    /** Every link of the message, in document order. */
    public Links extract(MessageView message) {
        List<Link> links = new ArrayList<>();
        boolean truncated = false;
        for (MessagePart part : message.parts()) {
            if (links.size() >= MAX_LINKS) {
                truncated = true;
                break;
            }
            if (isHtml(part)) {
                truncated |= html(part, links);
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
        html(html, partPath, links);
        return links;
    }

    private boolean html(MessagePart part, List<Link> links) {
        String html = decode(part);
        html(html, part.path(), links);
        return part.size() > MAX_HTML_BYTES || part.truncated();
    }

    private static void html(String html, String path, List<Link> links) {
        Document doc = Jsoup.parse(html);
        Element baseElement = doc.selectFirst("base[href]");
        Optional<WebAddress> base = baseElement == null ? Optional.empty()
                : WebAddress.parse(baseElement.attr("href")).filter(WebAddress::web);
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(org.jsoup.nodes.Node node, int depth) {
                if (node instanceof TextNode t) {
                    if (!(t.parent() instanceof Element e && (e.nameIs("a") || e.nameIs("script")
                            || e.nameIs("style")))) {
                        bare(t.getWholeText(), path, links);
                    }
                    return;
                }
                if (!(node instanceof Element e)) {
                    return;
                }
                switch (e.normalName()) {
                    case "a", "area" -> add(e.attr("href"), base, Link.Kind.ANCHOR, e.text(), path, false, links);
                    case "form" -> add(e.hasAttr("action") ? e.attr("action") : "", base, Link.Kind.FORM_ACTION, "",
                            path, !e.select("input[type=password]").isEmpty(), links);
                    case "meta" -> {
                        if (e.attr("http-equiv").equalsIgnoreCase("refresh")) {
                            Matcher m = REFRESH_URL.matcher(e.attr("content"));
                            if (m.find()) {
                                add(m.group(1), base, Link.Kind.META_REFRESH, "", path, false, links);
                            }
                        }
                    }
                    case "base" -> {
                        // resolves the others; not a link by itself
                    }
                    default -> {
                        if (e.hasAttr("src")) {
                            add(e.attr("src"), base, Link.Kind.SOURCE, "", path, false, links);
                        }
                        if (e.nameIs("button") || e.nameIs("input")) {
                            if (e.hasAttr("formaction")) {
                                add(e.attr("formaction"), base, Link.Kind.FORM_ACTION, "", path, false, links);
                            }
                        }
                    }
                }
            }
        }, doc);
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
        Matcher m = BARE.matcher(text);
        while (m.find() && links.size() <= MAX_LINKS) {
            String url = m.group();
            // sentence punctuation after an address is not part of it
            while (!url.isEmpty() && ".,;:!?)>'\"".indexOf(url.charAt(url.length() - 1)) >= 0) {
                url = url.substring(0, url.length() - 1);
            }
            WebAddress.parse(url).filter(WebAddress::web)
                    .ifPresent(t -> links.add(new Link(t, Link.Kind.TEXT, "", path, false)));
        }
    }

    private static String decode(MessagePart part) {
        byte[] bytes = part.bytes();
        int length = Math.min(bytes.length, MAX_HTML_BYTES);
        Charset charset = StandardCharsets.UTF_8;
        if (part.charset() != null) {
            try {
                charset = Charset.forName(part.charset().strip());
            } catch (RuntimeException e) {
                // unknown charset: UTF-8 keeps ASCII links readable
            }
        }
        return new String(bytes, 0, length, charset);
    }
}
