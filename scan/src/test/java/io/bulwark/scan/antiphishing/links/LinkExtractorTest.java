package io.bulwark.scan.antiphishing.links;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.testing.TestMessages;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where links hide in a message and how they are found. */
class LinkExtractorTest {
    private final LinkExtractor extractor = new LinkExtractor();

    private List<Link> links(byte[] raw) {
        return extractor.extract(new MessageViewParser().parse(raw)).links();
    }

    private static byte[] html(String html) {
        return TestMessages.multipart("t", "Content-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "<a href=\"https://evil.test/a\">PayPal</a>                          | ANCHOR       | evil.test",
            "<a href=\"&#104;ttps&#58;//evil.test/\">x</a>                       | ANCHOR       | evil.test",
            "<a href=\" https://evil.test/ \">x</a>                              | ANCHOR       | evil.test",
            "<area href=\"http://map.evil.test/\">                               | ANCHOR       | map.evil.test",
            "<img src=\"http://img.evil.test/p.gif\">                            | SOURCE       | img.evil.test",
            "<iframe src=\"https://frame.evil.test/\"></iframe>                  | SOURCE       | frame.evil.test",
            "<form action=\"https://collect.evil.test/post\"><input></form>      | FORM_ACTION  | collect.evil.test",
            "<meta http-equiv=\"refresh\" content=\"0; url=https://go.evil.test/\"> | META_REFRESH | go.evil.test",
            "<base href=\"https://base.evil.test/dir/\"><a href=\"page.html\">x</a> | ANCHOR     | base.evil.test",
            "<p>visit https://bare.evil.test/now, please</p>                      | TEXT         | bare.evil.test",
    })
    void findsLinksWhereBrowsersFindThem(String html, Link.Kind kind, String host) {
        assertThat(links(html(html))).filteredOn(l -> l.kind() == kind)
                .extracting(l -> l.target().host()).contains(host);
    }

    @Test
    void keepsTheAnchorTextAndSeesPasswordForms() {
        List<Link> found = links(html("<a href='https://evil.test/'>https://www.paypal.com</a>"
                + "<form action='https://evil.test/login'><input type='password' name='p'></form>"));
        assertThat(found).filteredOn(l -> l.kind() == Link.Kind.ANCHOR).extracting(Link::text)
                .containsExactly("https://www.paypal.com");
        assertThat(found).filteredOn(l -> l.kind() == Link.Kind.FORM_ACTION).extracting(Link::credentials)
                .containsExactly(true);
    }

    @Test
    void joinsALinkSplitByAQuotedPrintableSoftLineBreak() {
        byte[] raw = TestMessages.multipart("t", "Content-Type: text/html\r\nContent-Transfer-Encoding: "
                + "quoted-printable\r\n\r\n<a href=3D\"https://split.evil.te=\r\nst/lo=\r\ngin\">x</a>\r\n");
        assertThat(links(raw)).extracting(l -> l.target().host()).containsExactly("split.evil.test");
        assertThat(links(raw).getFirst().target().path()).isEqualTo("/login");
    }

    @Test
    void findsBareAddressesInPlainTextWithoutTrailingPunctuation() {
        List<Link> found = links(TestMessages.plain("t", "See www.example.org. Or (https://x.test/a?b=1)."));
        assertThat(found).extracting(l -> l.target().host()).containsExactly("www.example.org", "x.test");
        assertThat(found.get(1).target().query()).isEqualTo("b=1");
    }

    @Test
    void readsHtmlAttachments() {
        byte[] raw = TestMessages.withAttachment("t", "invoice.html",
                "<form action='https://att.evil.test/'><input type=password></form>".getBytes(StandardCharsets.UTF_8));
        assertThat(links(raw)).filteredOn(l -> l.kind() == Link.Kind.FORM_ACTION)
                .extracting(l -> l.target().host()).containsExactly("att.evil.test");
    }

    @Test
    void aRelativeLinkWithoutBaseIsNotALink() {
        assertThat(links(html("<a href='page.html'>x</a><a href='#top'>y</a>"))).isEmpty();
    }

    @Test
    void stopsAtTheLinkLimitAndSaysSo() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < LinkExtractor.MAX_LINKS + 10; i++) {
            many.append("<a href='https://h").append(i).append(".test/'>x</a>");
        }
        MessageView view = new MessageViewParser().parse(html(many.toString()));
        LinkExtractor.Links result = extractor.extract(view);
        assertThat(result.truncated()).isTrue();
        assertThat(result.links()).hasSize(LinkExtractor.MAX_LINKS);
    }
}
