package io.bulwark.scan.antispam.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.ScanServices;
import io.bulwark.scan.testing.CheckHarness;
import io.bulwark.scan.testing.TestMessages;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MassMailingCheckTest {
    private static final CheckHarness MASS = new CheckHarness(new MassMailingCheck(), ScanServices.none());

    @AfterAll
    static void close() {
        MASS.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "List-Unsubscribe: <https://news.example/u?x=1>;Precedence: bulk | MASS_MAILING",
            "List-Unsubscribe: <mailto:u@news.example>;List-Unsubscribe-Post: List-Unsubscribe=One-Click | MASS_MAILING",
            "List-Unsubscribe: <https://esp.example/u>;X-SG-EID: abc | MASS_MAILING",
            "List-Id: <team.lists.example>;Precedence: list | MASS_MAILING",
            "List-Unsubscribe: <https://news.example/u> | NOT_SPAM",
            "Precedence: bulk | NOT_SPAM",
            "X-Mailer: Thunderbird | NOT_SPAM"})
    void twoBulkSignsMakeAMassMailing(String fields, ScanStatus expected) {
        String headers = String.join("\r\n", fields.split(";")) + "\r\n";
        byte[] raw = (headers + new String(TestMessages.plain("News", "This week's news"), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        ModuleVerdict v = MASS.verdict(raw);
        assertThat(v.status()).isEqualTo(expected);
        assertThat(v.score()).isZero();
        if (expected == ScanStatus.MASS_MAILING) {
            assertThat(v.reasons()).singleElement().asString().startsWith("mass mailing: ");
        }
    }
}
