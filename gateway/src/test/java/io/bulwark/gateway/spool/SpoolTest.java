package io.bulwark.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** A three-byte body written for {@code queueId}, ready to commit. */
    private static BodyInfo body(Spool spool, String queueId) throws IOException, MessageTooLargeException {
        return spool.writeBody(queueId, new byte[0], new ByteArrayInputStream("x\r\n".getBytes()), 100);
    }

    /** The metadata of a message whose body is in the spool, not yet committed. */
    private static SpoolMetadata spooled(Spool spool, String queueId) throws IOException, MessageTooLargeException {
        return metadata(queueId, body(spool, queueId));
    }

    /** A hook standing for a directory sync that fails after the rename. */
    private static final Runnable FAILING_SYNC = () -> {
        throw new UncheckedIOException(new IOException("directory sync failed"));
    };

    private interface IoAction {
        void run() throws IOException;
    }

    /** A spool call inside a hook, whose checked exception the hook passes on unchecked. */
    private static Runnable unchecked(IoAction action) {
        return () -> {
            try {
                action.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
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
        try (var in = Spool.openBody(spool.bodyPath("Q1"))) {
            assertThat(in.readAllBytes()).isEqualTo(("Received: x\r\n" + new String(message, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertThat(spool.readBody("Q1", "Received: x\r\n".length())).isEqualTo(message);
        assertThat(new String(spool.readHeaderSection("Q1", 10_000), StandardCharsets.UTF_8))
                .startsWith("Received: x\r\n").endsWith("\r\n\r\n").doesNotContain("body");
    }

    @Test
    void recoveryDeletesWhatACrashBeforeTheCommitLeftBehind() throws Exception {
        Spool spool = new Spool(dir);
        body(spool, "UNCOMMITTED");
        Files.writeString(dir.resolve("HALF.json.tmp"), "{\"queue");
        assertThat(spool.recover()).isEmpty();
        assertSpoolEmpty();
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
        spool.commit(spooled(spool, "Q2"));
        spool.delete("Q2");
        assertThat(spool.read("Q2")).isEmpty();
        assertSpoolEmpty();
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

    @Test
    void anAcceptedAndDeliveredMessageCostsOneFileAndOneDirectoryFsync() throws Exception {
        Spool spool = new Spool(dir);
        BodyInfo body = spool.writeBody("Q4", "Received: x\r\n".getBytes(StandardCharsets.US_ASCII),
                new ByteArrayInputStream("Subject: s\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)), 1000);
        assertThat(spool.forces()).as("the body alone is not fsynced").isZero();
        spool.commit(metadata("Q4", body));
        assertThat(spool.forces()).as("body with metadata, then the directory").isEqualTo(2);
        assertThat(spool.read("Q4")).contains(metadata("Q4", body));
        spool.delete("Q4");
        assertThat(spool.forces()).as("the deletion rides on the next commit's directory sync").isEqualTo(2);
        assertThat(spool.read("Q4")).isEmpty();
    }

    @Test
    void aRefusedMessageCostsNoFsync() throws Exception {
        Spool spool = new Spool(dir);
        body(spool, "Q5");
        spool.discard("Q5");
        assertThat(spool.forces()).isZero();
        assertSpoolEmpty();
    }

    @Test
    void anUpdateWinsOverTheCommittedMetadataAndSurvivesRecovery() throws Exception {
        Spool spool = new Spool(dir);
        BodyInfo body = body(spool, "Q6");
        spool.commit(metadata("Q6", body));
        SpoolMetadata later = metadata("Q6", body).withSchedule(3, Instant.parse("2025-01-02T00:00:00Z"));
        spool.update(later);
        assertThat(spool.read("Q6")).contains(later);
        assertThat(new Spool(dir).recover()).containsExactly(later);
        assertThat(spool.readBody("Q6")).isEqualTo("x\r\n".getBytes());
        spool.delete("Q6");
        assertSpoolEmpty();
    }

    @Test
    void metadataLeftByADeletionCutShortIsRemovedOnRecovery() throws Exception {
        Spool spool = new Spool(dir);
        BodyInfo body = body(spool, "Q7");
        spool.commit(metadata("Q7", body));
        spool.update(metadata("Q7", body).withDelayWarningSent());
        Files.delete(dir.resolve("Q7.msg")); // the deletion's first step, then the crash
        assertThat(new Spool(dir).recover()).isEmpty();
        assertSpoolEmpty();
    }

    @Test
    void aMessageCommittedInTheTwoFileFormatIsRecoveredReadAndDeleted() throws Exception {
        Files.writeString(dir.resolve("Q8.eml"), "Received: x\r\nSubject: s\r\n\r\nold\r\n");
        Files.writeString(dir.resolve("Q8.json"), """
                {"formatVersion":2,"queueId":"Q8","nodeId":"n","sender":"a@b.test",
                 "recipients":[{"address":"c@d.test","status":"PENDING","attempt":0}],
                 "clientAddress":"192.0.2.1","sizeBytes":20,"sha256":"00","eightBit":false,
                 "receivedAt":"2025-01-01T00:00:00Z","attempts":0,"nextAttemptAt":"2025-01-01T00:00:00Z"}
                """);
        Spool spool = new Spool(dir);
        assertThat(spool.recover()).extracting(SpoolMetadata::queueId).containsExactly("Q8");
        assertThat(spool.bodyPath("Q8")).isEqualTo(dir.resolve("Q8.eml"));
        assertThat(new String(spool.readBody("Q8"), StandardCharsets.US_ASCII)).endsWith("\r\n\r\nold\r\n");
        spool.delete("Q8");
        assertSpoolEmpty();
    }

    @Test
    void aDamagedMetadataTrailerIsAnErrorNotAnEmptySpool() throws Exception {
        Spool spool = new Spool(dir);
        spool.commit(spooled(spool, "Q9"));
        byte[] bytes = Files.readAllBytes(dir.resolve("Q9.msg"));
        bytes[bytes.length - Spool.FOOTER - 3] ^= 1;
        Files.write(dir.resolve("Q9.msg"), bytes);
        assertThatThrownBy(() -> new Spool(dir).read("Q9")).isInstanceOf(IOException.class).hasMessageContaining("CRC");
    }

    @Test
    void aDeliveredMessagesFileHoldsANextMessageOnceADirectorySyncMadeItsDeletionDurable() throws Exception {
        Spool spool = new Spool(dir);
        BodyInfo first = spool.writeBody("Q1", new byte[0], new ByteArrayInputStream(new byte[5000]), 10_000);
        spool.commit(metadata("Q1", first));
        Object inode = Files.getAttribute(dir.resolve("Q1.msg"), "unix:ino");
        spool.delete(metadata("Q1", first));
        assertThat(spool.read("Q1")).isEmpty();
        assertSpoolEmpty(); // the spare it became is empty

        // no directory sync since: Q1's name may still be on disk, so its file is not handed out
        spool.commit(spooled(spool, "Q2"));
        assertThat(Files.getAttribute(dir.resolve("Q2.msg"), "unix:ino")).isNotEqualTo(inode);

        byte[] message = "Subject: short\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII);
        BodyInfo third = spool.writeBody("Q3", "Received: x\r\n".getBytes(StandardCharsets.US_ASCII),
                new ByteArrayInputStream(message), 10_000);
        assertThat(Files.getAttribute(dir.resolve("Q3.part"), "unix:ino")).isEqualTo(inode); // Q2's commit synced
        spool.commit(metadata("Q3", third));
        assertThat(spool.readBody("Q3", "Received: x\r\n".length())).isEqualTo(message);
        assertThat(new Spool(dir).recover()).extracting(SpoolMetadata::queueId).containsExactly("Q2", "Q3");
        assertThat(SpoolFiles.of(dir)).extracting(f -> f.getFileName().toString())
                .containsExactlyInAnyOrder("Q2.msg", "Q3.msg");
    }

    @Test
    void anAdministratorsDeletionDeletesTheFileWhichAReCheckMayBeReading() throws Exception {
        Spool spool = new Spool(dir);
        spool.commit(spooled(spool, "Q1"));
        spool.delete("Q1");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty(); // no spare
        }
    }

    @Test
    void aRefusedMessagesFileIsKeptEmptyAndRecoveryRemovesSpares() throws Exception {
        Spool spool = new Spool(dir);
        body(spool, "Q1");
        spool.discardBody("Q1");
        try (var files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertThat(all).singleElement().satisfies(f -> assertThat(Files.size(f)).isZero());
        }
        assertThat(new Spool(dir).recover()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void recoverySetsAsideAMessageFileThatIsNotWhatItsNameSays() throws Exception {
        Spool spool = new Spool(dir);
        spool.commit(spooled(spool, "Q1"));
        spool.commit(spooled(spool, "Q2"));
        spool.commit(spooled(spool, "Q3"));
        spool.commit(spooled(spool, "Q4"));
        // what a power failure can leave of a message file reused as a spare: the file of another
        // message under the old name, an emptied one, one cut short
        Files.copy(dir.resolve("Q2.msg"), dir.resolve("Q1.msg"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.write(dir.resolve("Q3.msg"), new byte[0]);
        byte[] q4 = Files.readAllBytes(dir.resolve("Q4.msg"));
        Files.write(dir.resolve("Q4.msg"), java.util.Arrays.copyOf(q4, q4.length - 5));
        Files.writeString(dir.resolve("Q1.json"), "{}"); // its changed metadata and a variant go aside with it
        Files.writeString(dir.resolve("Q1.v1.eml"), "a copy of the mail");

        List<SpoolMetadata> recovered = new Spool(dir).recover();

        assertThat(recovered).extracting(SpoolMetadata::queueId).containsExactly("Q2");
        assertThat(SpoolFiles.of(dir)).extracting(f -> f.getFileName().toString())
                .containsExactlyInAnyOrder("Q1.msg.damaged", "Q1.json.damaged", "Q1.v1.eml.damaged", "Q2.msg",
                        "Q3.msg.damaged", "Q4.msg.damaged");
        assertThat(new Spool(dir).recover()).extracting(SpoolMetadata::queueId).containsExactly("Q2");
    }

    @Test
    void aMessageFileThatCannotBeReadStopsStartUpInsteadOfBeingSetAside() throws Exception {
        Files.createDirectory(dir.resolve("Q5.msg")); // opens, but every read fails: not a format problem
        assertThatThrownBy(() -> new Spool(dir).recover()).isInstanceOf(IOException.class);
        assertThat(Files.isDirectory(dir.resolve("Q5.msg"))).isTrue();
    }

    @Test
    void whatAReadReturnsIsWhatTheFilesSayAfterEveryWrite() throws Exception {
        Spool spool = new Spool(dir);
        SpoolMetadata first = spooled(spool, "Q10");
        spool.commit(first);
        assertThat(spool.remembers("Q10")).isTrue();
        assertThat(spool.read("Q10")).contains(first).isEqualTo(new Spool(dir).read("Q10"));
        SpoolMetadata later = first.withSchedule(2, Instant.parse("2025-01-03T00:00:00Z"));
        spool.update(later);
        assertThat(spool.read("Q10")).contains(later).isEqualTo(new Spool(dir).read("Q10"));
        assertThat(spool.remembered()).as("a changed message is read from its files").isZero();
        spool.delete(later);
        assertThat(spool.read("Q10")).isEmpty();
        assertThat(new Spool(dir).read("Q10")).isEmpty();
        assertThat(spool.remembered()).isZero();
    }

    @Test
    void aFailedUpdateLeavesTheMessageToBeReadFromItsFiles() throws Exception {
        Spool spool = new Spool(dir);
        SpoolMetadata first = spooled(spool, "Q11");
        spool.commit(first);
        Files.createDirectory(dir.resolve("Q11.json.tmp")); // the update cannot write its temp file
        assertThatThrownBy(() -> spool.update(first.withDelayWarningSent())).isInstanceOf(IOException.class);
        assertThat(spool.remembered()).isZero();
        assertThat(spool.read("Q11")).contains(first);
    }

    @Test
    void anUpdateThatFailsAfterItsRenameIsReadFromTheFiles() throws Exception {
        Spool spool = new Spool(dir);
        SpoolMetadata first = spooled(spool, "Q12");
        spool.commit(first);
        SpoolMetadata later = first.withDelayWarningSent();
        spool.afterRename(FAILING_SYNC);
        assertThatThrownBy(() -> spool.update(later)).hasMessageContaining("directory sync failed");
        assertThat(spool.read("Q12")).as("the renamed file holds the update").contains(later);
    }

    @Test
    void aCommitThatFailsAfterItsRenameLeavesNothingCommitted() throws Exception {
        Spool spool = new Spool(dir);
        spool.afterRename(FAILING_SYNC);
        SpoolMetadata metadata = spooled(spool, "Q17");
        assertThatThrownBy(() -> spool.commit(metadata)).hasMessageContaining("directory sync failed");
        spool.discard("Q17"); // what the intake does before answering 451
        assertThat(spool.read("Q17")).isEmpty();
        assertThat(new Spool(dir).recover()).isEmpty();
        assertSpoolEmpty();
    }

    @Test
    void aDeletionWhileTheCommitSyncsTheDirectoryWins() throws Exception {
        // an administrator's "delete all" reaches a message held in the Anti-Spam Quarantine as soon as
        // its file is renamed, while the commit still waits for the directory sync
        Spool spool = new Spool(dir);
        SpoolMetadata metadata = spooled(spool, "Q15");
        spool.afterRename(unchecked(() -> spool.delete(metadata)));
        spool.commit(metadata);
        assertThat(spool.read("Q15")).isEmpty();
        assertThat(spool.remembered()).isZero();
    }

    @Test
    void anUpdateWhileTheCommitSyncsTheDirectoryWins() throws Exception {
        Spool spool = new Spool(dir);
        SpoolMetadata metadata = spooled(spool, "Q16");
        SpoolMetadata released = metadata.withSchedule(1, Instant.parse("2025-01-04T00:00:00Z"));
        spool.afterRename(unchecked(() -> {
            spool.afterRename(() -> { });
            spool.update(released);
        }));
        spool.commit(metadata);
        assertThat(spool.read("Q16")).contains(released);
    }

    @Test
    void recoveryReadsTheFilesAfresh() throws Exception {
        Spool spool = new Spool(dir);
        spool.commit(spooled(spool, "Q14"));
        Files.delete(dir.resolve("Q14.msg")); // gone behind the spool's back (an operator)
        assertThat(spool.recover()).isEmpty();
        assertThat(spool.read("Q14")).isEmpty();
    }

    @Test
    void recoveredAndCommittedMessagesAreHeldInMemoryUpToTheLimitThenStartOver() throws Exception {
        Spool writer = new Spool(dir);
        for (int i = 0; i < 5; i++) {
            BodyInfo body = body(writer, "R" + i);
            writer.commit(metadata("R" + i, body));
        }
        assertThat(writer.remembered()).isEqualTo(5);
        Spool small = new Spool(dir, 3);
        assertThat(small.recover()).hasSize(5);
        assertThat(small.remembered()).isBetween(1, 3);
        for (int i = 0; i < 5; i++) {
            assertThat(small.read("R" + i)).as("R" + i).isEqualTo(writer.read("R" + i)).isPresent();
        }
        // full of messages nobody attempts (held, say): a new commit is still held in memory
        for (int i = 5; i < 8; i++) {
            BodyInfo body = body(small, "R" + i);
            small.commit(metadata("R" + i, body));
            assertThat(small.remembers("R" + i)).as("R" + i).isTrue();
            assertThat(small.remembered()).isBetween(1, 3);
        }
    }

    @Test
    void messageIdIsReadFromFoldedAndMixedCaseFields() {
        assertThat(Spool.messageId("Subject: a\r\nmessage-ID:\r\n\t<a.b@c>\r\n\r\n".getBytes())).isEqualTo("a.b@c");
        assertThat(Spool.messageId("Message-Id: <x@y>\nTo: z\n\n".getBytes())).isEqualTo("x@y");
        assertThat(Spool.messageId("Message-Idx: <x@y>\r\n\r\n".getBytes())).isNull();
        assertThat(Spool.messageId("Subject: a\r\n\r\nMessage-ID: <body@y>\r\n".getBytes())).isNull();
        assertThat(Spool.messageId("Message-ID: <>\r\n\r\n".getBytes())).isNull();
        assertThat(Spool.messageId(new byte[0])).isNull();
    }

    private void assertSpoolEmpty() throws IOException {
        assertThat(SpoolFiles.of(dir)).isEmpty();
    }
}
