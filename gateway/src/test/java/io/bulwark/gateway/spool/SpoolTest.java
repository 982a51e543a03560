package io.bulwark.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    @TempDir
    Path dir;

    private static SpoolMetadata metadata(String queueId, BodyInfo body) {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        return new SpoolMetadata(1, queueId, "n", "a@b.test", List.of(RecipientState.pending("c@d.test")),
                "192.0.2.1", "helo.test", null, null, body.messageId(), body.sizeBytes(), body.sha256(),
                body.eightBit(), now, 0, now, false);
    }

    @Test
    void aCommittedMessageIsRecoveredAndItsParsedFactsKept() throws Exception {
        Spool spool = new Spool(dir);
        byte[] message = "Message-ID:\r\n <id-1@x.test>\r\nSubject: caf\u00e9\r\n\r\nbody\r\n"
                .getBytes(StandardCharsets.UTF_8);
        BodyInfo body = spool.writeBody("Q1", "Received: x\r\n".getBytes(StandardCharsets.US_ASCII),
                new ByteArrayInputStream(message), 1000);
        assertThat(body.messageId()).isEqualTo("id-1@x.test");
        assertThat(body.sizeBytes()).isEqualTo(message.length);
        assertThat(body.eightBit()).isTrue();
        spool.commit(metadata("Q1", body));

        List<SpoolMetadata> recovered = new Spool(dir).recover();
        assertThat(recovered).hasSize(1);
        assertThat(recovered.getFirst()).isEqualTo(metadata("Q1", body));
        assertThat(Files.readString(spool.bodyPath("Q1"), StandardCharsets.UTF_8)).startsWith("Received: x\r\n");
        assertThat(new String(spool.readHeaderSection("Q1", 10_000), StandardCharsets.UTF_8))
                .startsWith("Received: x\r\n").endsWith("\r\n\r\n").doesNotContain("body");
    }

    @Test
    void recoveryDeletesWhatACrashBeforeTheCommitLeftBehind() throws Exception {
        Spool spool = new Spool(dir);
        spool.writeBody("UNCOMMITTED", new byte[0], new ByteArrayInputStream("x\r\n".getBytes()), 100);
        Files.writeString(dir.resolve("HALF.json.tmp"), "{\"queue");
        assertThat(spool.recover()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anOversizedMessageLeavesNothingBehind() throws Exception {
        Spool spool = new Spool(dir);
        assertThatThrownBy(() -> spool.writeBody("BIG", new byte[0], new ByteArrayInputStream(new byte[2000]), 1000))
                .isInstanceOf(MessageTooLargeException.class);
        assertThat(Files.exists(spool.bodyPath("BIG"))).isFalse();
    }

    @Test
    void deleteRemovesBothFiles() throws Exception {
        Spool spool = new Spool(dir);
        BodyInfo body = spool.writeBody("Q2", new byte[0], new ByteArrayInputStream("x\r\n".getBytes()), 100);
        spool.commit(metadata("Q2", body));
        spool.delete("Q2");
        assertThat(spool.read("Q2")).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void spoolDirectoryAndFilesAreTheServiceUsersOnly() throws Exception {
        Path root = dir.resolve("fresh/spool");
        Spool spool = new Spool(root);
        BodyInfo body = spool.writeBody("Q9", "Received: x\r\n".getBytes(StandardCharsets.US_ASCII),
                new ByteArrayInputStream("Subject: private\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)),
                1_000_000);
        spool.commit(metadata("Q9", body));
        assertThat(java.nio.file.Files.getPosixFilePermissions(root)).isEqualTo(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        try (var files = java.nio.file.Files.list(root)) {
            List<Path> all = files.toList();
            assertThat(all).isNotEmpty();
            for (Path f : all) {
                assertThat(java.nio.file.Files.getPosixFilePermissions(f)).as(f.toString()).isEqualTo(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
        }
    }
}
