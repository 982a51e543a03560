package io.bulwark.scan.antispam.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ScanSymbol;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.domain.PublicSuffixList;
import io.bulwark.scan.testing.CheckHarness;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The starter rules on hand-made messages: each sign of spam fires its symbol, a plain personal mail none. */
class RulesCheckTest {
    private static final CheckHarness RULES = new CheckHarness(RulesCheck.starter(),
            ScanServices.builder().add(PublicSuffixList.class, PublicSuffixList.bundled()).build());

    private static final String PERSONAL = """
            Received: from mail.example.net (mail.example.net [192.0.2.10]) by mx.corp.example; Tue, 3 Dec 2024 10:00:05 +0000
            From: Alice Example <alice@example.net>
            To: bob@corp.example
            Subject: Minutes of Tuesday's meeting
            Date: Tue, 3 Dec 2024 09:59:58 +0000
            Message-ID: <20241203.abc@example.net>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            Hi Bob,

            attached are the notes from Tuesday. Let me know if I missed anything about the budget.

            Alice
            """;

    @AfterAll
    static void close() {
        RULES.close();
    }

    private static byte[] eml(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> symbols(String text) {
        return RULES.verdict(eml(text)).symbols().stream().map(ScanSymbol::name).toList();
    }

    @Test
    void personalMailFiresNothing() {
        ModuleVerdict v = RULES.verdict(eml(PERSONAL));
        assertThat(v.symbols()).isEmpty();
        assertThat(v.status()).isEqualTo(ScanStatus.NOT_SPAM);
    }

    @Test
    void shoutingMoneySubjectAndBodyPhrasesFire() {
        String spam = PERSONAL.replace("Subject: Minutes of Tuesday's meeting", "Subject: MAKE $5000 FAST WITH THIS!!!")
                .replace("attached are the notes", "You can make $500 a day working from home. Act now, this is"
                        + " 100% risk-free. Click here to claim your prize.");
        assertThat(symbols(spam)).contains("SUBJ_ALL_CAPS", "SUBJ_MONEY", "SUBJ_EXCLAIM_RUN", "BODY_MONEY_OFFER",
                "BODY_URGENCY", "BODY_GUARANTEE", "BODY_CLICK_HERE", "BODY_WINNER");
        ModuleVerdict v = RULES.verdict(eml(spam));
        assertThat(v.score()).isGreaterThanOrEqualTo(40);
        assertThat(v.reasons()).contains("subject written in capitals");
    }

    @Test
    void harvestedAddressExcusesOptInBoilerplateAndUndecodedMarkupFire() {
        String spam = PERSONAL.replace("attached are the notes from Tuesday.", "I got your email address from your"
                + " website. You are receiving this email because you opted-in to receive special offers. If you would"
                + " like to unsubscribe from this newsletter, click below. Lose 22.5lbs in 3 weeks!"
                + " =3Chtml=3E=3Cbody ONLOAD=3D=22Go()=22=3E");
        assertThat(symbols(spam)).contains("BODY_GOT_YOUR_ADDRESS", "BODY_REMOVE_ME", "BODY_WEIGHT_LOSS",
                "BODY_QP_UNDECODED");
        // an ordinary equals sign, or a URL with a query, is no quoted-printable escape
        assertThat(symbols(PERSONAL.replace("attached are the notes", "x=3, see https://example.net/a?b=2C and the notes")))
                .doesNotContain("BODY_QP_UNDECODED");
    }

    @Test
    void missingMessageIdAndDateFire() {
        String bare = PERSONAL.replace("Message-ID: <20241203.abc@example.net>\n", "")
                .replace("Date: Tue, 3 Dec 2024 09:59:58 +0000\n", "");
        assertThat(symbols(bare)).containsExactlyInAnyOrder("MISSING_MESSAGE_ID", "MISSING_DATE",
                "MSGID_NO_DOMAIN");
    }

    @Test
    void dateFarFromTheReceivedTimeFires() {
        assertThat(symbols(PERSONAL.replace("Date: Tue, 3 Dec 2024 09:59:58 +0000", "Date: Fri, 6 Dec 2024 09:00:00 +0000")))
                .containsExactly("DATE_IN_FUTURE");
        assertThat(symbols(PERSONAL.replace("Date: Tue, 3 Dec 2024 09:59:58 +0000", "Date: Mon, 4 Nov 2024 09:00:00 +0000")))
                .containsExactly("DATE_IN_PAST");
        assertThat(symbols(PERSONAL.replace("Date: Tue, 3 Dec 2024 09:59:58 +0000", "Date: yesterday")))
                .containsExactly("DATE_MALFORMED");
    }

    @Test
    void replyToAtAnotherOrganisationFiresButNotASubdomainNorThroughAMailingList() {
        assertThat(symbols(PERSONAL.replace("To: bob", "Reply-To: claims@payout.example.org\nTo: bob")))
                .containsExactlyInAnyOrder("FROM_REPLYTO_DIFFERS", "FROM_REPLYTO_MISMATCH");
        assertThat(symbols(PERSONAL.replace("To: bob", "Reply-To: alice@lists.example.net\nTo: bob"))).isEmpty();
        // a list that sets Reply-To to itself is no sign of anything
        assertThat(symbols(PERSONAL.replace("To: bob", "Reply-To: talk@lists.example.org\n"
                + "List-Id: Talk <talk.lists.example.org>\nTo: bob")))
                .containsExactlyInAnyOrder("FROM_REPLYTO_DIFFERS", "LIST_ID");
    }

    @Test
    void aLinkToAProgramFileFiresButAHostEndingInComDoesNot() {
        assertThat(symbols(PERSONAL.replace("attached are the notes", "get it at http://dl.example.org/setup.exe now")))
                .contains("URI_EXECUTABLE");
        assertThat(symbols(PERSONAL.replace("attached are the notes", "see http://www.example.com and "
                + "https://example.com/?q=1"))).doesNotContain("URI_EXECUTABLE");
    }

    @Test
    void forgedOutlookAndDisplayNameAddressFire() {
        String forged = PERSONAL.replace("From: Alice Example <alice@example.net>",
                "From: \"service@bank.example\" <alerts@mailer.example.org>\nX-Mailer: Microsoft Outlook 16.0");
        assertThat(symbols(forged)).contains("FORGED_OUTLOOK", "FROM_NAME_OTHER_ADDRESS");
        String real = PERSONAL.replace("MIME-Version", "X-Mailer: Microsoft Outlook 16.0\nThread-Index: AdsfGH==\nMIME-Version");
        assertThat(symbols(real)).isEmpty();
    }

    @Test
    void suspiciousHeloOfTheUntrustedHopFires() {
        assertThat(symbols(PERSONAL.replace("from mail.example.net (mail.example.net [192.0.2.10])",
                "from bigcomputer (dsl.example.net [192.0.2.10])"))).containsExactly("HELO_NOT_FQDN");
        assertThat(symbols(PERSONAL.replace("from mail.example.net (mail.example.net [192.0.2.10])",
                "from unknown ([192.0.2.10] helo=[198.51.100.7])"))).containsExactly("HELO_LITERAL_MISMATCH");
    }

    @Test
    void htmlOnlyWithAPictureAndMisleadingLinkFires() {
        String html = PERSONAL.replace("Content-Type: text/plain; charset=utf-8", "Content-Type: text/html; charset=utf-8")
                .replaceAll("(?s)\n\nHi Bob.*", "\n\n<html><body><a href=\"http://198.51.100.9/login\">"
                        + "https://www.bank.example/</a><img src=\"http://img.example.org/offer.gif\"></body></html>\n");
        assertThat(symbols(html)).contains("HTML_ONLY", "HTML_LITTLE_TEXT", "IMAGE_ONLY", "ANCHOR_TEXT_MISMATCH",
                "URI_NUMERIC_HOST", "HTML_ONLY_LITTLE_TEXT_IMG");
    }

    @Test
    void shortenedAndObfuscatedLinksFire() {
        String links = PERSONAL.replace("Let me know", "See https://bit.ly/3xYz and http://www.bank.example@evil.example/ . Let me know");
        assertThat(symbols(links)).containsExactlyInAnyOrder("URI_SHORTENER", "URI_OBFUSCATED");
    }
}
