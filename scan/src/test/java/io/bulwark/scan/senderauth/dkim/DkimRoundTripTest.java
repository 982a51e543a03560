package io.bulwark.scan.senderauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.dns.DnsSettings;
import io.bulwark.scan.dns.DnsjavaLookup;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import io.bulwark.scan.message.RawMessage;
import io.bulwark.scan.senderauth.dkim.DkimVerdict.Result;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@link DkimSigner} signs, {@link DkimVerifier} verifies, for both algorithms and every
 * canonicalisation; a change to the body or a signed header afterwards breaks it, while the
 * changes relaxed canonicalisation tolerates (re-folded headers, trailing white space) do not.
 * Messages are dkimpy's (degenerate folding, extra headers, an mbox-style message).
 */
class DkimRoundTripTest {
    private static final Instant NOW = Instant.parse("2026-01-10T10:00:00Z");
    private static LoopbackDnsServer server;
    private static DnsjavaLookup dns;
    private static final KeyPair ED25519 = DkimKeys.generate("ed25519");
    private static final KeyPair RSA = DkimKeys.generate("rsa-2048");

    @BeforeAll
    static void start() throws Exception {
        server = new LoopbackDnsServer();
        server.txt("ed._domainkey.example.com", TestKeys.txtStrings(DkimKeys.dnsRecord(ED25519.getPublic())));
        server.txt("rsa._domainkey.example.com", TestKeys.txtStrings(DkimKeys.dnsRecord(RSA.getPublic())));
        dns = DnsjavaLookup.create(DnsSettings.servers(List.of(server.address())).withTimeout(Duration.ofMillis(500)));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Result verify(String message) {
        RawMessage raw = RawMessage.of(message.getBytes(StandardCharsets.ISO_8859_1));
        List<DkimVerdict.Signature> signatures = new DkimVerifier(Clock.fixed(NOW, java.time.ZoneOffset.UTC))
                .verify(raw.fields(), raw.body(), dns.withBudget(10)).signatures();
        return signatures.getFirst().result(); // ours is on top; some files carry older signatures below
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "ed, simple/simple, test.message", "ed, simple/relaxed, test2.message", "ed, relaxed/simple, test_extra.message",
        "ed, relaxed/relaxed, message.mbox", "rsa, simple/simple, test2.message", "rsa, simple/relaxed, test.message",
        "rsa, relaxed/simple, message.mbox", "rsa, relaxed/relaxed, test_extra.message",
        "ed, relaxed, test.message", "rsa, simple, ed25519test.msg"})
    void signedMessagesVerifyAndChangesBreakThem(String selector, String canonicalization, String file) {
        KeyPair pair = selector.equals("ed") ? ED25519 : RSA;
        SigningKey key = new SigningKey("example.com", selector, DkimKeys.algorithmOf(pair.getPublic()),
                pair.getPrivate(), null, canonicalization, Duration.ofDays(1));
        String message = crlf(TestKeys.text("/dkim/dkimpy/" + file));
        String signed = DkimSigner.sign(message.getBytes(StandardCharsets.ISO_8859_1), key, NOW) + "\r\n" + message;

        assertThat(verify(signed)).isEqualTo(Result.PASS);

        String bodyChanged = signed + "P.S. one more line\r\n";
        assertThat(verify(bodyChanged)).isEqualTo(Result.FAIL);

        String fromChanged = signed.replaceFirst("(?m)^From:", "From: \"CEO\" <ceo@example.com>,");
        assertThat(verify(fromChanged)).isEqualTo(Result.FAIL);

        String fromAdded = signed.replaceFirst("(?m)^From:", "From: ceo@example.com\r\nFrom:");
        assertThat(verify(fromAdded)).as("over-signed From stops a second From").isEqualTo(Result.FAIL);

        boolean relaxedBody = canonicalization.endsWith("/relaxed");
        String trailingSpaces = signed.substring(0, signed.length() - 2) + "   \r\n\r\n\r\n";
        assertThat(verify(trailingSpaces)).isEqualTo(relaxedBody ? Result.PASS : Result.FAIL);
    }

    /** The dkimpy files have LF line ends; the spool holds CRLF. */
    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
