package io.bulwark.scan.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ReceivedChainTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // field value | address | helo
            "from mail.example.com (mail.example.com [192.0.2.1]) by mx.corp.example (Postfix) with ESMTPS id 4Y; Fri, 4 Dec 2026 10:00:00 +0000 | 192.0.2.1 | mail.example.com",
            "from helo.example (unknown [198.51.100.7]) by mx.corp.example (Postfix) with ESMTP id 1 | 198.51.100.7 | helo.example",
            "from client.example ([203.0.113.9]) by gw.test (Bulwark) with ESMTP id Q1; Sat, 5 Dec 2026 03:00:00 +0000 | 203.0.113.9 | client.example",
            "from rdns.example ([192.0.2.44] helo=ehlo.example) by exim.example with esmtp (Exim 4.96) | 192.0.2.44 | ehlo.example",
            "from [192.0.2.45] (helo=ehlo.example) by exim.example with esmtp (Exim 4.96) | 192.0.2.45 | ehlo.example",
            "from ehlo.example (192.0.2.46) by EXCH01.corp.example (10.0.0.5) with Microsoft SMTP Server | 192.0.2.46 | ehlo.example",
            "from unknown (HELO q.example) (192.0.2.47) by qmail.example with SMTP | 192.0.2.47 | q.example",
            "from v6.example (v6.example [IPv6:2001:db8::25]) by mx.corp.example (Postfix) | 2001:db8::25 | v6.example",
            // the client's literal HELO is its own claim: the address is the one in the comment
            "from [10.0.0.1] (unknown [203.0.113.66]) by mx.corp.example (Postfix) | 203.0.113.66 | ''",
    })
    void readsTheConnectingHostOfTheCommonShapes(String field, String address, String helo) {
        ReceivedChain.Hop hop = ReceivedChain.parse(field, 0).orElseThrow();
        assertThat(hop.address()).isEqualTo(address);
        assertThat(hop.helo()).isEqualTo(helo);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "by mx.corp.example with LMTP id 7; Fri, 4 Dec 2026 10:00:00 +0000",
            "from localhost by mx.corp.example with local",
            "from mail.example.com (mail.example.com [999.0.2.1]) by mx.corp.example"})
    void aFieldWithoutAReadableAddressIsNoHop(String field) {
        assertThat(ReceivedChain.parse(field, 0)).isEmpty();
    }

    private static MessageView message(String... received) {
        StringBuilder b = new StringBuilder();
        for (String r : received) {
            b.append("Received: ").append(r).append("\r\n");
        }
        b.append("From: a@example.com\r\nSubject: t\r\n\r\nbody\r\n");
        return new MessageViewParser().parse(b.toString().getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void theFirstUntrustedHopIsTheOneBelowTheTrustedRelays() {
        MessageView m = message(
                "from edge.corp.example (edge.corp.example [192.0.2.10]) by gw.test (Bulwark) with ESMTP id A",
                "from sender.example (sender.example [198.51.100.20]) by edge.corp.example (Postfix) with ESMTP id B",
                "from forged.example (forged.example [192.0.2.10]) by sender.example with ESMTP id C");
        TrustedNetworks trusted = TrustedNetworks.of(List.of("192.0.2.0/28"));
        ReceivedChain.Hop hop = ReceivedChain.firstUntrusted(m, trusted).orElseThrow();
        assertThat(hop.address()).isEqualTo("198.51.100.20");
        assertThat(hop.helo()).isEqualTo("sender.example");
        assertThat(hop.index()).isEqualTo(1);
    }

    @Test
    void privateAddressesAreInsideAndAChainOfInsideHopsHasNoUntrustedHop() {
        MessageView m = message(
                "from exch.corp.example (exch.corp.example [10.1.2.3]) by gw.test (Bulwark) with ESMTP id A",
                "from laptop (laptop [192.168.7.8]) by exch.corp.example with ESMTPSA id B");
        assertThat(ReceivedChain.firstUntrusted(m, TrustedNetworks.none())).isEmpty();
        assertThat(TrustedNetworks.none().contains("fd00::1")).isTrue();
        assertThat(TrustedNetworks.none().contains("2001:db8::1")).isFalse();
        assertThat(TrustedNetworks.none().contains("not-an-address")).isFalse();
    }

    @Test
    void anUnreadableFieldEndsTheChain() {
        MessageView m = message(
                "from edge.corp.example (edge.corp.example [192.0.2.10]) by gw.test (Bulwark) with ESMTP id A",
                "by edge.corp.example with LMTP",
                "from sender.example (sender.example [198.51.100.20]) by edge.corp.example");
        assertThat(ReceivedChain.hops(m)).hasSize(1);
        assertThat(ReceivedChain.firstUntrusted(m, TrustedNetworks.of(List.of("192.0.2.10")))).isEmpty();
    }
}
