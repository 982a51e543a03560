package io.bulwark.scan.licence;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.licence.FunctionalityLevel;
import io.bulwark.events.licence.LicenceType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The licence tool as an operator runs it: authority, issue, activation code, verify. */
class LicenceToolTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        return LicenceTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
    }

    private String publicKey() {
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("bulwark.licence.public-key="))
                .findFirst().orElseThrow().substring("bulwark.licence.public-key=".length());
    }

    @Test
    void issuesAKeyThatVerifiesAndAnActivationCodeThatFindsIt() throws Exception {
        Path authority = dir.resolve("authority.key");
        assertThat(run("authority", "--out", authority.toString())).isZero();
        String publicKey = publicKey();
        Path key = dir.resolve("trial.key");
        assertThat(run("issue", "--authority", authority.toString(), "--number", "BW-T-1", "--holder", "Test Lab",
                "--type", "trial", "--functionality", "anti-virus", "--days", "30", "--out", key.toString())).isZero();

        Verification v = new LicenceVerifier(List.of(publicKey)).verify(Files.readString(key), CLOCK.instant());
        assertThat(v.outcome()).isEqualTo(Verification.Outcome.VALID);
        assertThat(v.key().type()).isEqualTo(LicenceType.TRIAL);
        assertThat(v.key().functionality()).isEqualTo(FunctionalityLevel.ANTI_VIRUS);
        assertThat(v.key().expiry()).isEqualTo(Instant.parse("2026-03-31T10:00:00Z"));

        Path codes = dir.resolve("codes.txt");
        assertThat(run("activation-code", "--key", key.toString(), "--codes", codes.toString())).isZero();
        String code = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(code).matches("[0-9A-Z]{5}(-[0-9A-Z]{5}){3}");
        assertThat(ActivationCodes.lookup(codes, code.toLowerCase().replace("-", " "))).contains(Files.readString(key));
        assertThat(ActivationCodes.lookup(codes, "AAAAA-AAAAA-AAAAA-AAAAA")).isEmpty();

        assertThat(run("verify", "--public-key", publicKey, key.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("VALID: Licence BW-T-1");
        Files.writeString(key, Files.readString(key).replace("Holder: Test Lab", "Holder: Test Lap"));
        assertThat(run("verify", "--public-key", publicKey, key.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("TAMPERED:");
    }

    @Test
    void datesAreDaysAtMidnightUtcOrTimesAndAnAuthorityIsNeverOverwritten() throws Exception {
        Path authority = dir.resolve("authority.key");
        run("authority", "--out", authority.toString());
        String publicKey = publicKey();
        assertThat(run("authority", "--out", authority.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("never overwrites");
        assertThat(run("issue", "--authority", authority.toString(), "--number", "BW-C-1", "--holder", "Old Customer",
                "--start", "2024-01-01", "--expiry", "2025-01-01T12:00:00Z")).isZero();
        Verification v = new LicenceVerifier(List.of(publicKey)).verify(out.toString(StandardCharsets.UTF_8),
                CLOCK.instant());
        assertThat(v.outcome()).isEqualTo(Verification.Outcome.EXPIRED);
        assertThat(v.key().type()).isEqualTo(LicenceType.COMMERCIAL);
        assertThat(v.key().start()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(run("issue", "--authority", authority.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--number is required");
    }
}
