package io.bulwark.scan.licence;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.licence.FunctionalityLevel;
import io.bulwark.events.licence.LicenceKeyFacts;
import io.bulwark.events.licence.LicenceType;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The verifier's decision table: each kind of key file, at one time, gives one outcome and one clear message. */
class LicenceVerifierTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final LicenceAuthority OURS = LicenceAuthority.generate();
    private static final LicenceAuthority OTHER = LicenceAuthority.generate();
    private static final LicenceVerifier VERIFIER = new LicenceVerifier(List.of(OURS.publicKeyBase64()));

    private static String key(LicenceAuthority authority, String start, String expiry) {
        return LicenceKeyFile.issue(new LicenceKeyFacts("BW-42", "Example Ltd", "Bulwark", "mailboxes", 500,
                Instant.parse(start), Instant.parse(expiry), LicenceType.COMMERCIAL, 0, FunctionalityLevel.FULL, null,
                null), NOW.minusSeconds(3600), authority);
    }

    private static final String VALID = key(OURS, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z");

    static Stream<Arguments> cases() {
        UnaryOperator<String> wrapped = k -> k.replace("\n", "\r\n").replace("Holder: ", "Holder:   ");
        return Stream.of(
                Arguments.of("valid", VALID, Verification.Outcome.VALID, "valid until 2027-01-01T00:00:00Z"),
                Arguments.of("CRLF line ends and spaces an editor added", wrapped.apply(VALID),
                        Verification.Outcome.VALID, "BW-42"),
                Arguments.of("holder changed", VALID.replace("Holder: Example Ltd", "Holder: Someone Else"),
                        Verification.Outcome.TAMPERED, "has been altered"),
                Arguments.of("expiry pushed back", VALID.replace("Expiry: 2027", "Expiry: 2037"),
                        Verification.Outcome.TAMPERED, "Install the key file exactly as you received it"),
                Arguments.of("anti-virus key turned into full", key(OURS, "2026-01-01T00:00:00Z",
                        "2027-01-01T00:00:00Z").replace("Functionality: full", "Functionality: anti-virus"),
                        Verification.Outcome.TAMPERED, "BW-42"),
                Arguments.of("signed by another authority", key(OTHER, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
                        Verification.Outcome.UNTRUSTED_AUTHORITY, "does not trust"),
                Arguments.of("authority line changed to ours on another authority's key",
                        key(OTHER, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")
                                .replace("Authority: " + OTHER.keyId(), "Authority: " + OURS.keyId()),
                        Verification.Outcome.TAMPERED, "altered"),
                Arguments.of("expired", key(OURS, "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z"),
                        Verification.Outcome.EXPIRED, "expired on 2026-01-01T00:00:00Z"),
                Arguments.of("expiring this very second", key(OURS, "2025-01-01T00:00:00Z", NOW.toString()),
                        Verification.Outcome.EXPIRED, "expired"),
                Arguments.of("not yet valid", key(OURS, "2026-07-01T00:00:00Z", "2027-07-01T00:00:00Z"),
                        Verification.Outcome.NOT_YET_VALID, "valid from 2026-07-01T00:00:00Z"),
                Arguments.of("not a key file", "hello", Verification.Outcome.MALFORMED, "Not a Bulwark licence key"),
                Arguments.of("signature line removed", VALID.replaceAll("Signature: .*\n", ""),
                        Verification.Outcome.MALFORMED, "no Signature"),
                Arguments.of("a field twice", VALID.replace("Product: Bulwark", "Product: Bulwark\nHolder: X"),
                        Verification.Outcome.MALFORMED, "appears twice"),
                Arguments.of("signature not base64", VALID.replaceAll("Signature: .*", "Signature: ***"),
                        Verification.Outcome.MALFORMED, "not base64"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verifies(String name, String keyFile, Verification.Outcome outcome, String messagePart) {
        Verification result = VERIFIER.verify(keyFile, NOW);
        assertThat(result.outcome()).isEqualTo(outcome);
        assertThat(result.message()).contains(messagePart);
        assertThat(result.key() != null).isEqualTo(result.authentic());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void withoutAConfiguredAuthorityNoKeyVerifiesAndTheMessageSaysWhatToSet(String name, String keyFile,
            Verification.Outcome outcome, String messagePart) {
        Verification result = new LicenceVerifier(List.of()).verify(keyFile, NOW);
        assertThat(result.authentic()).isFalse();
        if (outcome != Verification.Outcome.MALFORMED) {
            assertThat(result.outcome()).isEqualTo(Verification.Outcome.UNTRUSTED_AUTHORITY);
            assertThat(result.message()).contains("bulwark.licence.public-key");
        }
    }

    @org.junit.jupiter.api.Test
    void theFactsAreWhatTheIssuerWroteWithTheFilesHash() {
        Verification result = VERIFIER.verify(VALID, NOW);
        LicenceKeyFacts facts = result.key();
        assertThat(facts.licenceNumber()).isEqualTo("BW-42");
        assertThat(facts.holder()).isEqualTo("Example Ltd");
        assertThat(facts.unitLimit()).isEqualTo(500);
        assertThat(facts.type()).isEqualTo(LicenceType.COMMERCIAL);
        assertThat(facts.authorityKeyId()).isEqualTo(OURS.keyId());
        assertThat(facts.sha256()).hasSize(64)
                .isEqualTo(VERIFIER.verify(VALID.replace("\n", "\r\n"), NOW).key().sha256());
    }

    @org.junit.jupiter.api.Test
    void anAuthorityKeyFileRoundTrips() {
        LicenceAuthority read = LicenceAuthority.fromPrivateKeyFile(OURS.toPrivateKeyFile());
        assertThat(read.publicKeyBase64()).isEqualTo(OURS.publicKeyBase64());
        assertThat(read.keyId()).isEqualTo(OURS.keyId()).hasSize(16);
    }
}
