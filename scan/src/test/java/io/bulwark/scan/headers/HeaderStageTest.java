package io.bulwark.scan.headers;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.events.scan.ScanSymbol;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.HeaderContribution;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.message.HeaderField;
import io.bulwark.scan.pipeline.CheckRun;
import io.bulwark.scan.pipeline.ScanResults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What the header stage writes from the checks' contributions, and which incoming fields it drops. */
class HeaderStageTest {
    private static final HeaderStage STAGE = new HeaderStage("mx.corp.example");

    private static HeaderContribution ar(String method, String result, String reason, String... properties) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            p.put(properties[i], properties[i + 1]);
        }
        return new HeaderContribution.AuthenticationResult(method, result, reason, p);
    }

    private static ScanResults results(HeaderContribution... contributions) {
        CheckResult result = CheckResult.clean().withHeaders(contributions);
        return new ScanResults(Set.of(ProtectionModule.SENDER_AUTHENTICATION),
                List.of(new CheckRun(new Stub(), result, List.of(), 1)), 1);
    }

    static Stream<Arguments> table() {
        ModuleVerdict spam = new ModuleVerdict(ProtectionModule.ANTI_SPAM, ScanStatus.SPAM, List.of(), 100, List.of(),
                List.of(ScanStatus.SPAM), List.of(new ScanSymbol("GTUBE", 100, "", List.of())), false);
        ModuleVerdict graded = new ModuleVerdict(ProtectionModule.ANTI_SPAM, ScanStatus.PROBABLE_SPAM, List.of(), 42.5,
                List.of(), List.of(ScanStatus.PROBABLE_SPAM), List.of(new ScanSymbol("A", 40, "", List.of()),
                new ScanSymbol("B", 2.5, "", List.of())), false);
        ModuleVerdict virus = ModuleVerdict.of(ProtectionModule.ANTI_VIRUS, ScanStatus.CLEAN);
        return Stream.of(
                Arguments.of("nothing contributed", results(), List.of(virus), List.of()),
                Arguments.of("one method with an address property", results(ar("spf", "pass", "",
                        "smtp.mailfrom", "user@example.net")), List.of(),
                        List.of("Authentication-Results: mx.corp.example; spf=pass smtp.mailfrom=user@example.net")),
                Arguments.of("two methods, a reason and a value that needs quotes", results(
                        ar("spf", "fail", "sender \"not\" permitted", "smtp.mailfrom", "example.net"),
                        ar("dkim", "pass", "", "header.d", "example.net", "header.b", "abc def")), List.of(),
                        List.of("Authentication-Results: mx.corp.example; spf=fail reason=\"sender \\\"not\\\" permitted\" "
                                + "smtp.mailfrom=example.net; dkim=pass header.d=example.net header.b=\"abc def\"")),
                Arguments.of("a whole field after the results", results(
                        new HeaderContribution.Field("Received-SPF", "pass (mx.corp.example: domain of example.net)"),
                        ar("spf", "pass", "", "smtp.mailfrom", "example.net")), List.of(),
                        List.of("Authentication-Results: mx.corp.example; spf=pass smtp.mailfrom=example.net",
                                "Received-SPF: pass (mx.corp.example: domain of example.net)")),
                Arguments.of("anti-spam rating and symbols", results(), List.of(virus, spam),
                        List.of("X-Bulwark-Spam: rating=100; symbols=GTUBE(100)")),
                Arguments.of("a fractional rating", results(), List.of(graded),
                        List.of("X-Bulwark-Spam: rating=42.50; symbols=A(40),B(2.50)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void writesWhatChecksContributed(String name, ScanResults results, List<ModuleVerdict> verdicts,
            List<String> expected) {
        HeaderStamp stamp = STAGE.stamp(results, verdicts);
        assertThat(stamp.add()).extracting(f -> f.name() + ": " + f.value()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "mx.corp.example; spf=pass smtp.mailfrom=example.net | true",
            "MX.Corp.Example; none | true",
            "(forged) mx.corp.example 1; dkim=pass | true",
            "\"mx.corp.example\"; none | true",
            "mx.corp.example;spf=pass | true",
            "other.example; spf=pass | false",
            "mx.corp.example.evil; none | false",
            "relay.example; spf=pass (mx.corp.example) | false"})
    void dropsIncomingResultsThatClaimOurAuthservId(String value, boolean dropped) {
        assertThat(STAGE.stamp(results(), List.of()).removes("Authentication-Results", value)).isEqualTo(dropped);
    }

    @Test
    void dropsIncomingRatingHeadersOnlyWhenItWritesOne() {
        ModuleVerdict clean = ModuleVerdict.of(ProtectionModule.ANTI_SPAM, ScanStatus.NOT_SPAM);
        HeaderStamp stamp = STAGE.stamp(results(), List.of(clean));
        assertThat(stamp.removes("x-bulwark-spam", "rating=0; symbols=")).isTrue();
        assertThat(stamp.removes("Received-SPF", "pass")).isFalse();
        assertThat(STAGE.stamp(results(), List.of()).removes("X-Bulwark-Spam", "rating=0")).isFalse();
    }

    @ParameterizedTest(name = "{0} rating {1} -> SCL {2}")
    @CsvSource({
            "NOT_SPAM,      0,    0",
            "NOT_SPAM,      19.9, 0",
            "NOT_SPAM,      20,   1",
            "MASS_MAILING,  10,   0",
            "PROBABLE_SPAM, 40,   5",
            "BLACKLISTED,   30,   5",
            "SPAM,          70,   6",
            "SPAM,          80,   7",
            "SPAM,          95,   8",
            "SPAM,          100,  9",
            "ERROR,         50,   -",
            "NOT_SCANNED,   0,    -"})
    void givenAVerdictWhenTheSclHeaderIsOnThenItCarriesTheMappedLevel(ScanStatus status, double rating, String scl) {
        HeaderStage stage = new HeaderStage("mx.corp.example", SpamConfidenceLevel.EXCHANGE_HEADER);
        ModuleVerdict v = new ModuleVerdict(ProtectionModule.ANTI_SPAM, status, List.of(), rating, List.of());

        HeaderStamp stamp = stage.stamp(results(), List.of(v));

        assertThat(stamp.add()).filteredOn(f -> f.name().equals(SpamConfidenceLevel.EXCHANGE_HEADER))
                .extracting(f -> f.value()).isEqualTo(scl.equals("-") ? List.of() : List.of(scl));
        assertThat(stamp.removes("x-ms-exchange-organization-scl", "-1")).as("a sender's own SCL").isTrue();
    }

    @Test
    void givenTheSclHeaderOffWhenStampedThenThereIsNoneAndIncomingOnesAreLeftAlone() {
        ModuleVerdict spam = new ModuleVerdict(ProtectionModule.ANTI_SPAM, ScanStatus.SPAM, List.of(), 90, List.of());
        HeaderStamp stamp = STAGE.stamp(results(), List.of(spam));
        assertThat(stamp.add()).extracting(f -> f.name()).doesNotContain(SpamConfidenceLevel.EXCHANGE_HEADER);
        assertThat(stamp.removes(SpamConfidenceLevel.EXCHANGE_HEADER, "5")).isFalse();
    }

    @Test
    void givenAnotherNameWhenTheSclHeaderIsOnThenThatNameIsWritten() {
        HeaderStage stage = new HeaderStage("mx.corp.example", "X-Spam-SCL");
        ModuleVerdict spam = new ModuleVerdict(ProtectionModule.ANTI_SPAM, ScanStatus.SPAM, List.of(), 100, List.of());
        assertThat(stage.stamp(results(), List.of(spam)).add()).extracting(f -> f.name() + ": " + f.value())
                .contains("X-Spam-SCL: 9");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HeaderStage("mx.corp.example", "bad name:"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnAuthservIdThatIsNoToken() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HeaderStage("mx; spf=pass"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static final class Stub implements Check {
        @Override
        public String name() {
            return "stub";
        }

        @Override
        public ProtectionModule module() {
            return ProtectionModule.SENDER_AUTHENTICATION;
        }

        @Override
        public List<SymbolDefinition> symbols() {
            return List.of();
        }

        @Override
        public CheckResult run(CheckContext context) {
            return CheckResult.clean();
        }
    }
}
