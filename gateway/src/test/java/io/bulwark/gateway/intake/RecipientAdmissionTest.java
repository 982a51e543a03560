package io.bulwark.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.gateway.routing.RecipientVerifier;
import io.bulwark.gateway.routing.RelayPolicy;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RCPT decisions: relay policy, postmaster, recipient verification. */
class RecipientAdmissionTest {
    private static final InetAddress OUTSIDE = address("198.51.100.7");
    private static final InetAddress INSIDE = address("10.1.2.3");
    private static final RelayPolicy RELAY = new RelayPolicy(List.of("corp.example", "verified.example"),
            List.of("10.0.0.0/8"));

    private final RecipientVerifier verifier = new RecipientVerifier(List.of("verified.example"),
            address -> switch (address) {
                case "gone@verified.example" -> new RecipientVerifier.Verdict.Refused("550 5.1.1 no such user");
                case "unsure@verified.example" -> new RecipientVerifier.Verdict.Unknown("next hop timed out");
                default -> new RecipientVerifier.Verdict.Accepted();
            }, Duration.ofMinutes(1), Duration.ofMinutes(1), Clock.systemUTC());
    private final RecipientAdmission admission = new RecipientAdmission(RELAY, Optional.of(verifier), "gw.test",
            "hostmaster@corp.example");

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void aRelayDomainIsAcceptedFromAnywhere() {
        assertThat(admission.admit(OUTSIDE, "b@corp.example")).isEqualTo(new RecipientAdmission.Accepted("b@corp.example"));
    }

    @Test
    void anyOtherDomainIsRelayAccessDeniedUnlessTheClientIsTrusted() {
        assertThat(admission.admit(OUTSIDE, "b@elsewhere.example"))
                .isEqualTo(new RecipientAdmission.Refused("550 5.7.1 <b@elsewhere.example>: Relay access denied"));
        assertThat(admission.admit(INSIDE, "b@elsewhere.example"))
                .isEqualTo(new RecipientAdmission.Accepted("b@elsewhere.example"));
        assertThat(admission.isTrusted(INSIDE)).isTrue();
        assertThat(admission.isTrusted(OUTSIDE)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a%elsewhere.example@corp.example", "elsewhere.example!a@corp.example",
            "\"a@elsewhere.example\"@corp.example"})
    void senderSpecifiedRoutingIsRefusedFromOutside(String address) {
        assertThat(admission.admit(OUTSIDE, address).reply()).startsWith("550 5.7.1");
    }

    @ParameterizedTest
    @CsvSource({"postmaster", "Postmaster@gw.test", "postmaster@GW.TEST."})
    void thePostmasterIsAlwaysAcceptedAndGoesToTheConfiguredAddress(String address) {
        assertThat(admission.admit(OUTSIDE, address))
                .isEqualTo(new RecipientAdmission.Accepted("hostmaster@corp.example"));
    }

    @Test
    void verificationRefusesUndeliverableAndDefersUnverifiableAddresses() {
        assertThat(admission.admit(OUTSIDE, "gone@verified.example").reply()).isEqualTo(
                "550 5.1.1 <gone@verified.example>: Recipient address rejected: undeliverable address: "
                        + "550 5.1.1 no such user");
        assertThat(admission.admit(OUTSIDE, "unsure@verified.example").reply()).isEqualTo(
                "450 4.1.1 <unsure@verified.example>: Recipient address rejected: unverified address: "
                        + "next hop timed out");
        assertThat(admission.admit(OUTSIDE, "here@verified.example"))
                .isEqualTo(new RecipientAdmission.Accepted("here@verified.example"));
    }

    @Test
    void domainsNotUnderVerificationAreNotProbed() {
        RecipientAdmission unverified = new RecipientAdmission(RELAY, Optional.empty(), "gw.test", "pm@corp.example");

        assertThat(unverified.admit(OUTSIDE, "gone@verified.example"))
                .isEqualTo(new RecipientAdmission.Accepted("gone@verified.example"));
    }
}
