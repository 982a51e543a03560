package io.bulwark.scan.antispam;

import static io.bulwark.scan.antispam.MessageText.host;

import io.bulwark.scan.message.MessagePart;
import io.bulwark.scan.message.MessageView;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * {@link MessageText#render} as it stood before ADR 0040 (its own jsoup parse, the
 * case-insensitive URL expression, whitespace collapsed by an expression): the reference that
 * {@code MessageTextTest} compares the shared reading with. Kept verbatim; do not "improve" it.
 */
final class MessageTextBeforeSharedParse {
    private static final Pattern URL = Pattern.compile(
            "(?i)\\b(?:https?://|www\\.)[a-z0-9][^\\s<>\"'()\\[\\]{}]*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Set<String> STYLING = Set.of("color", "bgcolor", "size", "face", "align");

    private MessageTextBeforeSharedParse() {
    }

    static MessageText render(MessageView message) {
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
