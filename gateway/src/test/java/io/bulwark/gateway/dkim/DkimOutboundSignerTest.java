package io.bulwark.gateway.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.message.RawMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which domain a message is signed for: the one domain of its (last) From field, or none ("&" stands for CRLF). */
class DkimOutboundSignerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "From: alice@Corp.Example|corp.example",
            "From: \"Alice, Sales\" <alice@corp.example>|corp.example",
            "From: =?UTF-8?Q?Al=C3=AFce?= <alice@corp.example> (office)|corp.example",
            "From: a@corp.example, b@corp.example|corp.example",
            "From: a@corp.example, b@other.example|none",
            "From: undisclosed-recipients:;|none",
            "From: not an address|none",
            "To: bob@corp.example|none",
            "From: old@first.example&From: new@second.example|second.example"})
    void signsForTheOneDomainOfTheFromField(String header, String expected) {
        RawMessage message = RawMessage.of((header.replace("&", "\r\n") + "\r\nSubject: x\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(DkimOutboundSigner.fromDomain(message.fields()).orElse(null)).isEqualTo(expected);
    }
}
