package io.bulwark.scan.message.text;

import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Messages for comparing the shared reading of a message's text and links with the engines' own
 * readings before ADR 0040: every {@code .eml} in the scan module's test resources, and messages
 * made here to hit what differs between the two readers (decoding fallbacks, HTML attachments,
 * base href, forms, refresh, entities, IDN, the link limit) and what the URL expressions were
 * picky about. A directory given with {@code -Dbulwark.text.corpus=DIR} is read as well.
 */
public final class TrickyMessages {
    private TrickyMessages() {
    }

    private static final String HTML = """
            <html><head><title>Your account https://title.example/t</title>
            <base href="https://base.example/dir/page.html">
            <meta http-equiv="Refresh" content="5; URL='https://refresh.example/r'">
            <style>a { background: url(http://style.example/s.png) }</style>
            <script>var u = "https://script.example/x";</script></head>
            <body bgcolor="#FFFFFF"><font color=RED size="+2" face="Arial">WIN</font>
            <p>Visit <a href="https://shop.example/x">https://other.example/</a>, or
            <a href=" HTTP://Mixed.Example/Path?q=1 ">www.mixed.example.</a> and <a>no href</a> <a href="">empty</a>
            <a href="relative/link.html">relative</a> <a href="#top">top</a> <a href="mailto:x@y.example">mail</a>
            <a href="https://a.example/"><b>bold https://b.example/ inside</b></a>
            <area href="https://area.example/" alt="map">
            <img src="cid:logo"><img><img src="https://img.example/p.gif" width=1 height=1>
            <iframe src="//frame.example/f"></iframe>
            <form action="https://form.example/post"><input type="password" name="p"><button formaction="https://button.example/b">go</button></form>
            <form><input type=text></form>
            <input type="image" src="/relative.png" formaction="https://input.example/i">
            Text links: h&#116;tps://entity.example/e &lt;http://lt.example/&gt; (http://paren.example/a_(b)) www.TEXT.example,
            HTTPS://UPPER.EXAMPLE/PATH! ftp://files.example/f.zip; https://bücher.example/straße www.пример.испытание
            xhttp://notword.example e\u0301http://mark.example http://a.example,http://b.example
            <p>&nbsp;&#8195;spaced&#x2003;out&nbsp;</p>
            </body></html>
            """;

    /** Name → raw message. */
    public static Map<String, byte[]> made() {
        Map<String, byte[]> messages = new LinkedHashMap<>();
        messages.put("alternative", crlf("""
                From: a@example.net
                Subject: account
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary=B

                --B
                Content-Type: text/plain; charset=utf-8

                Visit www.shop.example, or HTTPS://Bank.Example/login. (see http://x.example/a_(b))
                "http://quoted.example/" <https://angle.example/> [www.bracket.example] {http://brace.example}
                http://pipe.example/a|b^c `http://tick.example` wwww.no.example _www.no.example
                --B
                Content-Type: text/html; charset=utf-8

                """ + HTML + """
                --B--
                """));
        messages.put("html without charset, 8-bit", bytes("""
                From: a@example.net
                Content-Type: text/html

                <p>Caf\u00e9 <a href="https://caf\u00e9.example/">caf\u00e9 www.caf\u00e9.example</a> https://\u00fc.example/</p>
                """, StandardCharsets.ISO_8859_1));
        messages.put("html in utf-8 without charset", bytes("""
                From: a@example.net
                Content-Type: text/html

                <p>Stra\u00dfe <a href="https://stra\u00dfe.example/">www.stra\u00dfe.example</a> http://\u00fc.example/</p>
                """, StandardCharsets.UTF_8));
        messages.put("unknown charset", crlf("""
                From: a@example.net
                Content-Type: text/html; charset=x-no-such-charset

                <a href="https://shop.example/">https://other.example/</a> www.text.example
                """));
        messages.put("quoted charset", crlf("""
                From: a@example.net
                Content-Type: text/html; charset="utf-8"

                <a href="https://shop.example/">https://other.example/</a> www.text.example
                """));
        messages.put("html attachment and xhtml", crlf("""
                From: a@example.net
                Content-Type: multipart/mixed; boundary=B

                --B
                Content-Type: text/plain

                see attached www.plain.example
                --B
                Content-Type: application/octet-stream
                Content-Disposition: attachment; filename="invoice.html"

                <form action="https://phish.example/"><input type=password></form> http://text.example/
                --B
                Content-Type: application/xhtml+xml

                <html xmlns="http://www.w3.org/1999/xhtml"><body><a href="https://x.example/">y</a></body></html>
                --B
                Content-Type: text/html; charset=utf-8
                Content-Disposition: attachment; filename="page.htm"

                <a href="https://attached.example/">https://shown.example/</a>
                --B--
                """));
        messages.put("base64 html", crlf("""
                From: a@example.net
                Content-Type: text/html; charset=utf-8
                Content-Transfer-Encoding: base64

                """ + java.util.Base64.getMimeEncoder().encodeToString(HTML.getBytes(StandardCharsets.UTF_8)) + "\n"));
        messages.put("frameset", crlf("""
                From: a@example.net
                Content-Type: text/html; charset=utf-8

                <html><frameset><frame src="https://frame.example/"></frameset></html>
                """));
        messages.put("two html parts", crlf("""
                From: a@example.net
                Content-Type: multipart/mixed; boundary=B

                --B
                Content-Type: text/html; charset=utf-8

                <b style="color:red">one</b> <a href="https://one.example/">www.one.example</a>
                --B
                Content-Type: text/html; charset=utf-8

                <i bgcolor="#000">two</i> <img src="https://two.example/i.png">
                --B--
                """));
        StringBuilder many = new StringBuilder("From: a@example.net\nContent-Type: text/html; charset=utf-8\n\n");
        for (int i = 0; i < 2100; i++) {
            many.append("<a href=\"https://l").append(i).append(".example/\">x</a> www.t").append(i).append(".example\n");
        }
        messages.put("over the link limit", crlf(many.toString()));
        return messages;
    }

    /** Every message, parsed: the made ones, the test resources' .eml files, and the optional corpus. */
    public static Map<String, MessageView> all() {
        Map<String, MessageView> views = new LinkedHashMap<>();
        MessageViewParser parser = new MessageViewParser();
        raw().forEach((name, raw) -> views.put(name, parser.parse(raw)));
        return views;
    }

    /** Every message as received: the made ones, the test resources' .eml files, and the optional corpus. */
    public static Map<String, byte[]> raw() {
        Map<String, byte[]> messages = new LinkedHashMap<>(made());
        List<Path> files = new ArrayList<>(files(resourcesRoot(), true));
        String corpus = System.getProperty("bulwark.text.corpus");
        if (corpus != null) {
            files.addAll(files(Path.of(corpus), false));
        }
        for (Path file : files) {
            try {
                messages.put(resourcesRoot().relativize(file.toAbsolutePath()).toString(), Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return messages;
    }

    private static Path resourcesRoot() {
        try {
            return Path.of(TrickyMessages.class.getResource("/").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> files(Path root, boolean emlOnly) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !emlOnly || p.toString().endsWith(".eml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text, java.nio.charset.Charset charset) {
        return text.replace("\n", "\r\n").getBytes(charset);
    }
}
