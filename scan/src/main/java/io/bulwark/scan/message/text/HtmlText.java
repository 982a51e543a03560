package io.bulwark.scan.message.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * What the engines read of one HTML document, taken from a single parse: the visible text, the
 * elements that carry or show links, in document order, and the shape of the markup. The anti-spam
 * text ({@code antispam.MessageText}) and the link extractor ({@code antiphishing.links}) both read
 * it, so each HTML part of a message is parsed once ({@link MessageTexts#html}; ADR 0040).
 *
 * <p>Parsed by jsoup, a maintained WHATWG-conformant HTML5 parser, so that tags, comments and
 * styles are not words, entities are decoded, and links are found where browsers find them, also
 * in broken markup. The jsoup tree itself is not kept or shared: it is mutable and lazily
 * initialised inside, so reading it from checks running in parallel would not be safe; this record
 * is immutable.
 *
 * @param visibleText the document's text as jsoup renders it ({@code Document.text()})
 * @param baseHref    the {@code href} of the first {@code <base href>}, or null
 * @param nodes       the text nodes and link-bearing elements, in document order
 * @param markup      element names and attribute names of the body ("font", "@bgcolor") and the
 *                    colours and sizes it sets ("color=#ff0000"), distinct, lower case
 */
public record HtmlText(String visibleText, String baseHref, List<Item> nodes, Set<String> markup) {

    /** Attributes whose values say how loud the text is made to look. */
    private static final Set<String> STYLING = Set.of("color", "bgcolor", "size", "face", "align");

    public HtmlText {
        nodes = List.copyOf(nodes);
        markup = Collections.unmodifiableSet(new LinkedHashSet<>(markup));
    }

    /** What an {@link Item} is. */
    public enum Kind {
        /** A text node whose parent is not {@code a}, {@code script} or {@code style}: {@code value} is its whole text. */
        TEXT,
        /** An {@code a} or {@code area} element: {@code value} its href ("" without), {@code text} its text. */
        ANCHOR,
        /** An {@code img} element: {@code value} its src ("" without). */
        IMAGE,
        /** A {@code form}: {@code value} its action ("" without); {@code flag} when it holds a password input. */
        FORM,
        /** A {@code meta http-equiv=refresh}: {@code value} its content. */
        REFRESH,
        /** Any other element with a {@code src}: {@code value} the src. */
        SOURCE,
        /** A {@code button} or {@code input} with a {@code formaction}: {@code value} the formaction. */
        FORM_ACTION
    }

    /**
     * One node of interest.
     *
     * @param kind    what it is
     * @param element the element's normal (lower-case) name; "#text" for text nodes
     * @param value   see {@link Kind}
     * @param text    the element's text ({@code Element.text()}) for anchors, else ""
     * @param flag    see {@link Kind}
     * @param present whether the attribute {@code value} comes from was present
     */
    public record Item(Kind kind, String element, String value, String text, boolean flag, boolean present) {
    }

    /** Parses one HTML document and reads what the engines need. */
    public static HtmlText parse(String html) {
        Document doc = Jsoup.parse(html);
        Element baseElement = doc.selectFirst("base[href]");
        List<Item> nodes = new ArrayList<>();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    if (!(t.parent() instanceof Element e && (e.nameIs("a") || e.nameIs("script")
                            || e.nameIs("style")))) {
                        nodes.add(new Item(Kind.TEXT, "#text", t.getWholeText(), "", false, true));
                    }
                    return;
                }
                if (!(node instanceof Element e)) {
                    return;
                }
                String name = e.normalName();
                switch (name) {
                    case "a", "area" -> nodes.add(new Item(Kind.ANCHOR, name, e.attr("href"), e.text(), false,
                            e.hasAttr("href")));
                    case "form" -> nodes.add(new Item(Kind.FORM, name, e.attr("action"), "",
                            !e.select("input[type=password]").isEmpty(), e.hasAttr("action")));
                    case "meta" -> {
                        if (e.attr("http-equiv").equalsIgnoreCase("refresh")) {
                            nodes.add(new Item(Kind.REFRESH, name, e.attr("content"), "", false, true));
                        }
                    }
                    case "base" -> {
                        // resolves the others; not a link by itself
                    }
                    case "img" -> nodes.add(new Item(Kind.IMAGE, name, e.attr("src"), "", false, e.hasAttr("src")));
                    default -> {
                        if (e.hasAttr("src")) {
                            nodes.add(new Item(Kind.SOURCE, name, e.attr("src"), "", false, true));
                        }
                        if ((e.nameIs("button") || e.nameIs("input")) && e.hasAttr("formaction")) {
                            nodes.add(new Item(Kind.FORM_ACTION, name, e.attr("formaction"), "", false, true));
                        }
                    }
                }
            }
        }, doc);
        Set<String> markup = new LinkedHashSet<>();
        for (Element e : doc.body().getAllElements()) {
            markup.add(e.normalName());
            for (Attribute attribute : e.attributes()) {
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
        return new HtmlText(doc.text(), baseElement == null ? null : baseElement.attr("href"), nodes, markup);
    }
}
