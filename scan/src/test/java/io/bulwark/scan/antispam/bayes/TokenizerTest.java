package io.bulwark.scan.antispam.bayes;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.antispam.MessageText;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What bulwark-3 makes of a message, and what it leaves out on purpose. */
class TokenizerTest {

    private static Set<String> tokens(String eml) {
        MessageView view = new MessageViewParser().parse(eml.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        return Tokenizer.tokens(view, MessageText.of(view));
    }

    @Test
    void readsTheShapeOfMarkupMoneyShoutingAndTheSendersHeaderFields() {
        Set<String> t = tokens("""
                Received: from mx.collector.example by inbox.collector.example
                Delivered-To: trap@collector.example
                Return-Path: <bounce@bulk.example>
                From: Deals <deals@offers.example>
                To: you@example.net
                Subject: Act now
                Date: Tue, 3 Dec 2002 09:59:58 GMT
                X-Mailer: MassBlaster 2.1
                X-Priority: 1 (Highest)
                Content-Type: text/html

                <html><body bgcolor="#000000"><font color="#FF0000" size="+2">FREE money!!!</font>
                Save $1,500 today, 100% guaranteed. <a href="http://10.1.2.3:8080/x">here</a></body></html>
                """);
        assertThat(t).contains("html:font", "html:@bgcolor", "html:color=#ff0000", "html:size=+2", "money:4",
                "percent", "bangs", "caps:FREE", "hdr:x-mailer", "hdr:x-priority", "hdrval:x-priority:1",
                "date:zone:other", "returnpath:other", "proto:http", "url:numeric-host", "url:port");
        assertThat(t).noneMatch(s -> s.equals("hdr:received") || s.equals("hdr:delivered-to")
                || s.equals("hdr:return-path"));
    }

    @Test
    void hashesAreDistinctAndTheNameSaysWhichTokenizer() {
        MessageView view = new MessageViewParser().parse("Subject: hi\r\n\r\nhello hello world\r\n"
                .getBytes(StandardCharsets.UTF_8));
        long[] hashes = Tokenizer.hashes(view);
        assertThat(hashes).doesNotHaveDuplicates();
        assertThat(Tokenizer.NAME).isEqualTo("bulwark-3");
    }

    @Test
    void readsTheShapeOfTheUntrustedRelaysButNeverTheirNames() {
        Set<String> t = tokens("""
                Received: from localhost (localhost [127.0.0.1]) by inbox.collector.example
                Received: from list.example.org (list.example.org [198.51.100.7]) by mx.collector.example
                Received: from ejhvvet ([203.0.113.9]) by list.example.org
                Received: from totalise.co.uk (m114-mp1.cvx1-c.bri.dial.example.net [203.0.113.10]) by relay.example
                Message-ID: <vewaeurtngep@list.example.org>
                From: a@example.org
                Subject: hello

                hi
                """);
        assertThat(t).contains("rcvd1:helo:name", "rcvd1:rdns:name", "rcvd1:helo-rdns:same", "rcvdn:helo:nodot",
                "rcvdn:rdns:none", "rcvdn:rdns:dynamic", "rcvdn:helo-rdns:other", "rcvd:untrusted:3",
                "msgidshape:a:mid");
        assertThat(t).noneMatch(s -> s.contains("ejhvvet") || s.contains("198.51.100.7") || s.contains("localhost"));
    }

    @Test
    void splitsScriptsWithoutSpacesIntoPairsOfCharacters() {
        Set<String> t = tokens("""
                Subject: 新しい情報
                Content-Type: text/plain; charset=utf-8

                こんにちは plain words
                """);
        assertThat(t).contains("cjk:こん", "cjk:んに", "cjk:にち", "cjk:ちは",
                "subject:cjk:新し", "plain", "words");
    }
}
