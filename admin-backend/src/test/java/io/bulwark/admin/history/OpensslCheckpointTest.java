package io.bulwark.admin.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint signature from an export checks with Debian's {@code openssl pkeyutl -verify}, exactly
 * as docs/history.md shows it, and a changed statement does not. Skipped only where openssl is absent.
 */
class OpensslCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void opensslVerifiesAnExportedCheckpointAndRefusesAChangedStatement() throws Exception {
        assumeTrue(openssl() != null, "openssl is not installed");
        String text;
        try (EmbeddedHistory history = new EmbeddedHistory(dir, 10)) {
            history.rotateKey("system");
            history.append(30);
            history.clock.advance(Duration.ofSeconds(61));
            history.sealer.sealAvailable();
            text = history.exportText(1, null);
        }
        ObjectMapper mapper = new ObjectMapper();
        JsonNode key = null;
        JsonNode checkpoint = null;
        for (String line : text.split("\n")) {
            JsonNode node = mapper.readTree(line);
            if (node.path("kind").asText().equals("key")) {
                key = node;
            } else if (node.path("kind").asText().equals("checkpoint")) {
                checkpoint = node;
            }
        }
        assertThat(checkpoint).isNotNull();
        // the same files the jq lines in docs/history.md write
        Path pem = Files.writeString(dir.resolve("key.pem"), key.get("pem").asText());
        Path statement = Files.writeString(dir.resolve("checkpoint.txt"), checkpoint.get("statement").asText(),
                StandardCharsets.US_ASCII);
        Path signature = Files.write(dir.resolve("checkpoint.sig"),
                Base64.getDecoder().decode(checkpoint.get("signature").asText()));

        Run ok = run(List.of(openssl(), "pkeyutl", "-verify", "-pubin", "-inkey", pem.toString(), "-rawin",
                "-in", statement.toString(), "-sigfile", signature.toString()));
        assertThat(ok.status()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("Signature Verified Successfully");

        Files.writeString(statement, checkpoint.get("statement").asText().replace("index=", "index=1"));
        Run changed = run(List.of(openssl(), "pkeyutl", "-verify", "-pubin", "-inkey", pem.toString(), "-rawin",
                "-in", statement.toString(), "-sigfile", signature.toString()));
        assertThat(changed.status()).isNotZero();
        assertThat(changed.output()).contains("Signature Verification Failure");
    }

    record Run(int status, String output) {
    }

    private static Run run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static String openssl() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "openssl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
