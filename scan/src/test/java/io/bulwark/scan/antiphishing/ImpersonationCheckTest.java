package io.bulwark.scan.antiphishing;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.events.scan.ScanSymbol;
import io.bulwark.scan.antiphishing.Impersonation.Person;
import io.bulwark.scan.testing.CheckHarness;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Business email compromise: names, domains and replies that pretend to be ours. */
class ImpersonationCheckTest {
    private static final CheckHarness BEC = new CheckHarness(new ImpersonationCheck(List.of("corp.example", "bulwark-bank.com"),
            List.of(Person.parse("Jane Doe <jane.doe@corp.example;jane@doe-family.org>"), Person.parse("Max Muster")),
            List.of("freemail.test")), DeceptiveLinkCheckTest.SERVICES);

    @AfterAll
    static void close() {
        BEC.close();
    }

    private static byte[] message(String from, String replyTo, String extra, String body) {
        return ("From: " + from + "\r\n" + (replyTo.isEmpty() ? "" : "Reply-To: " + replyTo + "\r\n") + extra
                + "To: ap@corp.example\r\nSubject: hello\r\nMessage-ID: <1@x>\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "executive's name from free-mail | \"Jane Doe\" <ceo.jane.doe@gmail.com> | '' | BEC_EXECUTIVE_NAME | display name 'Jane Doe' is Jane Doe's, but the address ceo.jane.doe@gmail.com is outside our domains | PHISHING",
            "name reversed, other case       | \"DOE, jane\" <x@elsewhere.test>       | '' | BEC_EXECUTIVE_NAME | is Jane Doe's                                           | PHISHING",
            "user without listed address     | Max Muster <max@partner.test>          | '' | BEC_EXECUTIVE_NAME | is Max Muster's                                         | PHISHING",
            "homograph of our domain         | Jane <jane.doe@c\u043erp.example>       | '' | BEC_LOOKALIKE_SENDER | is a homograph of protected domain corp.example       | PHISHING",
            "one letter off our domain       | IT Desk <it@bulwark-bnak.com>          | '' | BEC_LOOKALIKE_SENDER | is one letter away from protected domain bulwark-bank.com | PHISHING",
            "address inside the name         | \"it@corp.example\" <x@partner.test>   | '' | BEC_DISPLAY_NAME_ADDRESS | display name shows it@corp.example but the address is x@partner.test | CLEAN",
            "replies to free-mail            | Supplier <billing@supplier.test>       | pay@freemail.test | BEC_REPLY_TO_FREEMAIL | diverts replies from supplier.test to free-mail freemail.test | CLEAN",
            "replies elsewhere               | Supplier <billing@supplier.test>       | pay@other.test    | BEC_REPLY_TO_EXTERNAL | diverts replies from supplier.test to other.test           | CLEAN",
    })
    void catchesImpersonationWithAReasonNamingTheTrick(String what, String from, String replyTo, String symbol,
            String reason, ScanStatus status) {
        ModuleVerdict v = BEC.verdict(message(from, replyTo, "", "Hello."));
        assertThat(v.symbols()).extracting(ScanSymbol::name).contains(symbol);
        assertThat(v.reasons()).anyMatch(r -> r.contains(reason));
        assertThat(v.status()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "gift cards, urgent      | Are you available? I need 5 Apple gift cards urgently for a client. | asks for gift cards ('Apple gift cards') with urgency ('Are you available')",
            "bank change            | Please note our new bank account for all future invoices, effective immediately. | announces changed bank details ('new bank account')",
            "payment, confidential  | Process a wire transfer of 24,800 EUR today. Keep this confidential. | asks for a payment ('wire transfer') with urgency ('confidential')",
    })
    void flagsFirstContactPaymentWordingWithTheMatchedPhrases(String what, String body, String reason) {
        ModuleVerdict v = BEC.verdict(message("Someone <a@outside.test>", "", "", body));
        assertThat(v.symbols()).extracting(ScanSymbol::name).containsExactly(ImpersonationCheck.PAYMENT);
        assertThat(v.reasons().getFirst()).contains(reason);
        assertThat(v.status()).isEqualTo(ScanStatus.CLEAN);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "the executive herself         | Jane Doe <jane.doe@corp.example>     | ''                 | ''                          | Wire transfer urgently please",
            "her listed private address    | Jane Doe <jane@doe-family.org>       | ''                 | ''                          | hi",
            "another name from outside     | John Smith <john@partner.test>       | ''                 | ''                          | hi",
            "reply-to on the same site     | News <news@mail.shop.test>            | help@shop.test     | ''                          | hi",
            "reply-to to us                | Partner <p@partner.test>             | sales@corp.example | ''                          | hi",
            "mailing list reply-to         | Member <m@member.test>               | list@lists.test    | 'List-Id: <l.lists.test>\r\n' | hi",
            "display name without domain   | \"hyatt@mozilla\" <rss@feeds.test>     | ''                 | ''                          | hi",
            "payment talk in a reply       | Partner <p@partner.test>             | ''                 | 'In-Reply-To: <0@x>\r\n'     | Wire transfer done immediately as asked",
            "payment without urgency       | Partner <p@partner.test>             | ''                 | ''                          | Your invoice and wire transfer details are attached.",
    })
    void leavesOrdinaryMailAlone(String what, String from, String replyTo, String extra, String body) {
        ModuleVerdict v = BEC.verdict(message(from, replyTo, extra.replace("\\r\\n", "\r\n"), body));
        assertThat(v.symbols()).isEmpty();
        assertThat(v.status()).isEqualTo(ScanStatus.CLEAN);
    }
}
