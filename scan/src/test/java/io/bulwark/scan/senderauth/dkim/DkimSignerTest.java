package io.bulwark.scan.senderauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.scan.message.RawMessage;
import io.bulwark.scan.senderauth.dkim.internal.TagList;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The signer against the RFC 8463 Appendix A example (resources dkim/rfc8463): RSA PKCS#1 v1.5
 * and Ed25519 are deterministic, so signing the example message with the example's keys and tags
 * must give the example's {@code bh=} and {@code b=} exactly.
 */
class DkimSignerTest {
    private static final String DIR = "/dkim/rfc8463/";
    private static final Instant RFC_TIME = Instant.ofEpochSecond(1528637909);

    /** The example message without its two signature fields (each 6 or 7 lines, at the top). */
    static byte[] unsignedExample() {
        String signed = TestKeys.text(DIR + "signed-message.eml");
        return signed.substring(signed.indexOf("From: ")).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The tag list of the example's signature number {@code index} (0: ed25519, 1: rsa). */
    static TagList exampleSignature(int index) throws TagList.SyntaxException {
        List<String> fields = RawMessage.of(TestKeys.resource(DIR + "signed-message.eml")).fields().stream()
                .filter(f -> f.name().equalsIgnoreCase("DKIM-Signature")).map(f -> f.value()).toList();
        return TagList.parse(fields.get(index));
    }

    static PrivateKey exampleKey(String algorithm) {
        return algorithm.equals(DkimKeys.ED25519_SHA256) ? TestKeys.ed25519(DIR + "ed25519-private-seed.b64")
                : TestKeys.rsa(DIR + "rsa-private-key.pem");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ed25519-sha256, brisbane, 0", "rsa-sha256, test, 1"})
    void reproducesTheRfc8463ExampleSignatureByteForByte(String algorithm, String selector, int index)
            throws Exception {
        SigningKey key = new SigningKey("football.example.com", selector, algorithm, exampleKey(algorithm),
                List.of("From"), "relaxed/relaxed", null);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("v", "1");
        tags.put("a", algorithm);
        tags.put("c", "relaxed/relaxed");
        tags.put("d", "football.example.com");
        tags.put("i", "@football.example.com");
        tags.put("q", "dns/txt");
        tags.put("s", selector);
        tags.put("t", Long.toString(RFC_TIME.getEpochSecond()));
        tags.put("h", "from : to : subject : date : message-id : from : subject : date");
        List<String> names = List.of("from", "to", "subject", "date", "message-id", "from", "subject", "date");

        String field = DkimSigner.sign(RawMessage.of(unsignedExample()), key, tags, names);

        TagList ours = TagList.parse(field.substring(field.indexOf(':') + 1));
        TagList rfc = exampleSignature(index);
        assertThat(ours.compact("bh")).isEqualTo(rfc.compact("bh"));
        assertThat(ours.compact("b")).isEqualTo(rfc.compact("b"));
    }

    @Test
    void signsOnlyHeadersThePresentMessageHasAndOverSignsFrom() throws Exception {
        SigningKey key = new SigningKey("Football.Example.com", "brisbane", DkimKeys.ED25519_SHA256,
                exampleKey(DkimKeys.ED25519_SHA256), List.of("From", "To", "Cc", "Subject", "Received"),
                "relaxed/simple", Duration.ofDays(7));

        String field = DkimSigner.sign(unsignedExample(), key, RFC_TIME);

        assertThat(field).startsWith("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/simple;")
                .doesNotEndWith("\r\n").doesNotContain("\n\r\n");
        for (String line : field.split("\r\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(78);
        }
        assertThat(List.of(field.split("\r\n")).subList(1, field.split("\r\n").length)).allMatch(l -> l.startsWith(" "));
        TagList tags = TagList.parse(field.substring(field.indexOf(':') + 1));
        assertThat(tags.get("d")).contains("football.example.com");
        assertThat(tags.get("t")).contains("1528637909");
        assertThat(tags.get("x")).contains(Long.toString(1528637909L + 7 * 86400));
        assertThat(TagList.items(tags.get("h").orElseThrow())).containsExactly("from", "from", "to", "subject");
    }

    @Test
    void refusesAMessageWithoutFrom() {
        SigningKey key = new SigningKey("example.com", "test", DkimKeys.RSA_SHA256,
                exampleKey(DkimKeys.RSA_SHA256), null, null, null);
        byte[] noFrom = TestKeys.resource("/dkim/dkimpy/test_nofrom.message");
        assertThatThrownBy(() -> DkimSigner.sign(noFrom, key, RFC_TIME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no From");
    }
}
