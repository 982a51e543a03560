package io.bulwark.scan.antiphishing;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.events.scan.ScanSymbol;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.domain.PublicSuffixList;
import io.bulwark.scan.testing.CheckHarness;
import io.bulwark.scan.testing.TestMessages;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Deceptive links: rspamd's link-text phishing cases, then one row per trick, each judged under
 * the factory phishing threshold with a reason that names it.
 */
class DeceptiveLinkCheckTest {
    static final ScanServices SERVICES = ScanServices.builder()
            .add(PublicSuffixList.class, PublicSuffixList.bundled()).build();
    private static final CheckHarness LINKS = new CheckHarness(
            new DeceptiveLinkCheck(List.of("corp.example", "paypal.com", "bulwark-bank.com")), SERVICES);

    @AfterAll
    static void close() {
        LINKS.close();
    }

    static Stream<Map<String, Object>> rspamdCases() throws Exception {
        try (InputStream in = DeceptiveLinkCheckTest.class.getResourceAsStream("/antiphishing/rspamd-suite/cases.json")) {
            Map<String, Object> root = new Yaml(new LoaderOptions()).load(in);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cases = (List<Map<String, Object>>) root.get("cases");
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("rspamdCases")
    void judgesRspamdsLinkTextCasesAsRspamdDoes(Map<String, Object> c) throws Exception {
        byte[] raw;
        try (InputStream in = getClass().getResourceAsStream("/antiphishing/rspamd-suite/" + c.get("message"))) {
            raw = in.readAllBytes();
        }
        boolean phishing = ((List<?>) c.get("expect_symbols")).contains("PHISHING");
        ModuleVerdict v = LINKS.verdict(raw);
        if (phishing) {
            assertThat(v.status()).isEqualTo(ScanStatus.PHISHING);
            assertThat(v.symbols()).extracting(ScanSymbol::name).contains(DeceptiveLinkCheck.TEXT_MISMATCH);
            assertThat(v.reasons()).anyMatch(r -> r.contains("link text shows www.cnn.com but the link goes to"));
        } else {
            assertThat(v.status()).isEqualTo(ScanStatus.CLEAN);
            assertThat(v.symbols()).isEmpty();
        }
    }

    private static byte[] html(String html) {
        return TestMessages.multipart("t", "Content-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "text says paypal, goes elsewhere | <a href='https://paypal.account-check.test/x'>https://www.paypal.com</a> | PHISH_LINK_TEXT_MISMATCH | link text shows www.paypal.com but the link goes to paypal.account-check.test | PHISHING",
            "bare domain as text              | <a href='http://198.51.100.7/'>www.bank.example</a>                     | PHISH_LINK_TEXT_MISMATCH | link text shows www.bank.example but the link goes to 198.51.100.7       | PHISHING",
            "bare domain, weaker              | <a href='https://mailer.example.net/c/1'>walmart.com</a>                 | PHISH_LINK_TEXT_DOMAIN_MISMATCH | link text shows walmart.com but the link goes to mailer.example.net | CLEAN",
            "bare protected domain, strong    | <a href='https://mailer.example.net/c/1'>paypal.com</a>                  | PHISH_LINK_TEXT_MISMATCH | link text shows paypal.com but the link goes to mailer.example.net        | PHISHING",
            "homograph of a relay domain      | <a href='https://c\u043erp.example/login'>sign in</a>                     | PHISH_LOOKALIKE_DOMAIN   | is a homograph of protected domain corp.example                           | PHISHING",
            "typo of a brand                  | <a href='https://paypa1.com/'>sign in</a>                                 | PHISH_LOOKALIKE_DOMAIN   | is a homograph of protected domain paypal.com                             | PHISHING",
            "one letter off                   | <a href='https://bulwark-bnak.com/'>sign in</a>                           | PHISH_LOOKALIKE_DOMAIN   | is one letter away from protected domain bulwark-bank.com                | PHISHING",
            "protected name in front          | <a href='https://paypal.com.secure-login.test/'>x</a>                     | PHISH_LOOKALIKE_DOMAIN   | puts protected domain paypal.com in front of secure-login.test            | PHISHING",
            "userinfo trick                   | <a href='https://bank.example@evil.test/'>x</a>                            | PHISH_USERINFO_TRICK     | link names bank.example before '@' but goes to evil.test                  | PHISHING",
            "password form posting outside    | <form action='https://collect.test/p'><input type=password></form>        | PHISH_CREDENTIAL_FORM    | a form asking for a password posts to collect.test                        | PHISHING",
            "IP address in disguise           | <a href='http://3232235777/'>x</a>                                         | PHISH_IP_TARGET          | link goes to IP address 192.168.1.1 (written in disguise)                 | CLEAN",
            "punycode host                    | <a href='https://xn--80ak6aa92e.com/'>x</a>                               | PHISH_PUNYCODE_TARGET    | link goes to internationalised host xn--80ak6aa92e.com                    | CLEAN",
            "whole-script Cyrillic imitation  | <a href='https://xn--80ak6aa92e.com/'>x</a>                               | PHISH_CONFUSABLE_SCRIPT  | is written in look-alike letters of 'apple'                               | CLEAN",
            "mixed scripts                    | <a href='https://p\u0430yment-portal.test/'>x</a>                          | PHISH_CONFUSABLE_SCRIPT  | mixes scripts                                                              | CLEAN",
            "shortener                        | <a href='https://bit.ly/3abc'>x</a>                                        | PHISH_REDIRECTOR         | link through URL shortener bit.ly hides its target                        | CLEAN",
            "data URL                         | <a href='data:text/html;base64,PGgxPkhpPC9oMT4='>open</a>                 | PHISH_DATA_URL           | data: address in a link                                                   | CLEAN",
            "javascript URL                   | <a href='javascript:location=1'>open</a>                                  | PHISH_JAVASCRIPT_URL     | javascript: address in a link                                             | CLEAN",
    })
    void catchesEachTrickWithAReasonNamingIt(String trick, String html, String symbol, String reason,
            ScanStatus status) {
        ModuleVerdict v = LINKS.verdict(html(html));
        assertThat(v.symbols()).extracting(ScanSymbol::name).contains(symbol);
        assertThat(v.symbols()).filteredOn(s -> s.name().equals(symbol)).extracting(ScanSymbol::reason)
                .anyMatch(r -> r.contains(reason));
        assertThat(v.status()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "text and target on one site   | <a href='https://www.paypal.com/signin'>https://paypal.com</a>",
            "words, not an address         | <a href='https://evil.test/'>Click here</a>",
            "our own domain, real          | <a href='https://portal.corp.example/'>portal</a><form action='https://corp.example/l'><input type=password></form>",
            "an image by IP is not a click | <img src='http://192.0.2.1/p.gif'>",
            "inline image data             | <img src='data:image/png;base64,iVBORw0KGgo='>",
            "a sibling host of a protected domain | <a href='https://www.paypal.com/x'>https://www.paypal.com</a><a href='https://history.paypal.com/'>x</a>",
            "a mailto link                 | <a href='mailto:help@example.org'>help@example.org</a>",
    })
    void leavesHonestLinksAlone(String what, String html) {
        ModuleVerdict v = LINKS.verdict(html(html));
        assertThat(v.symbols()).isEmpty();
        assertThat(v.status()).isEqualTo(ScanStatus.CLEAN);
    }

    @Test
    void weakTricksTogetherReachTheThreshold() {
        ModuleVerdict v = LINKS.verdict(html("<a href='http://3232235777/'>x</a><a href='https://bit.ly/q'>y</a>"
                + "<a href='javascript:void(0)'>z</a>"));
        assertThat(v.score()).isEqualTo(50.0);
        assertThat(v.status()).isEqualTo(ScanStatus.PHISHING);
    }

    @Test
    void manyBadLinksGiveOneSymbolWithTheFirstReasonsAndACount() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            sb.append("<a href='https://h").append(i).append(".test/'>www.bank").append(i).append(".example</a>");
        }
        ModuleVerdict v = LINKS.verdict(html(sb.toString()));
        assertThat(v.symbols()).hasSize(1);
        assertThat(v.symbols().getFirst().reason()).contains("www.bank0.example").endsWith("(and 3 more)");
        assertThat(v.score()).isEqualTo(60.0);
    }
}
