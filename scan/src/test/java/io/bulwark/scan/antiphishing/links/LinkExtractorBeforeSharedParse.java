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
 * {@link LinkExtractor} as it stood before ADR 0040 (its own jsoup parse, the case-insensitive
 * expression for bare addresses): the reference that {@code LinkExtractorTest} compares the shared
 * reading with. Kept verbatim; do not "improve" it.
 */
final class LinkExtractorBeforeSharedParse {
    private static final int MAX_LINKS = LinkExtractor.MAX_LINKS;
    private static final int MAX_HTML_BYTES = LinkExtractor.MAX_HTML_BYTES;

    private static final Pattern BARE = Pattern.compile(
            "(?i)\\b(?:(?:https?|ftp)://|www\\.)[^\\s<>\"'`{}|\\\\^\\[\\]]+");
    private static final Pattern REFRESH_URL = Pattern.compile("(?i)url\\s*=\\s*['\"]?([^'\"\\s;]+)");

    /** Every link of the message, in document order. */
    LinkExtractor.Links extract(MessageView message) {
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
        return new LinkExtractor.Links(links, truncated);
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
