package io.bulwark.gateway.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.message.MessageReceivedEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.gateway.events.MessageEventPublisher;
import io.bulwark.gateway.spool.QueueIdGenerator;
import io.bulwark.gateway.spool.RecipientStatus;
import io.bulwark.gateway.spool.Spool;
import io.bulwark.gateway.spool.SpoolMetadata;
import io.bulwark.gateway.support.InMemoryEventAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupRedeliveryTest {
    @TempDir
    Path dir;

    @Test
    void theOriginalIsSpooledUnchangedForItsRecipientsAndAnnounced() throws Exception {
        byte[] original = "Received: from x\r\nSubject: invoice\r\nMessage-ID: <m1@x>\r\n\r\nbody\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        Spool spool = new Spool(dir);
        InMemoryEventAppender appender = new InMemoryEventAppender();
        List<SpoolMetadata> scheduled = new ArrayList<>();
        BackupRedelivery redelivery = new BackupRedelivery(
                id -> Optional.ofNullable(Map.of("Q0.b", original).get(id)), spool, new QueueIdGenerator("n", Clock.systemUTC()),
                new MessageEventPublisher(appender), scheduled::add, "n", Clock.systemUTC());
        MessageRef ref = new MessageRef("Q0", "m1@x", "alice@x.test", List.of("bob@corp.example"), 10, "192.0.2.9",
                "other-node");

        String queueId = redelivery.deliver("Q0.b", ref).orElseThrow();

        SpoolMetadata m = spool.read(queueId).orElseThrow();
        assertThat(m.sender()).isEqualTo("alice@x.test");
        assertThat(m.recipientAddresses()).containsExactly("bob@corp.example");
        assertThat(m.recipients()).allMatch(r -> r.status() == RecipientStatus.PENDING);
        assertThat(m.messageId()).isEqualTo("m1@x");
        assertThat(m.scan()).isNull();
        assertThat(spool.readBody(queueId)).isEqualTo(original);
        assertThat(scheduled).containsExactly(m);
        assertThat(appender.payloads(MessageReceivedEvent.class)).hasSize(1);

        assertThat(redelivery.deliver("gone.b", ref)).isEmpty();
    }
}
