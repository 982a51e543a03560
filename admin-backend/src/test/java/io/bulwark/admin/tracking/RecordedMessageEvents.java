package io.bulwark.admin.tracking;

import io.bulwark.events.message.DeliveryDeferredEvent;
import io.bulwark.events.message.MessageBouncedEvent;
import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.events.message.MessageEvent;
import io.bulwark.events.message.MessageQueuedEvent;
import io.bulwark.events.message.MessageReceivedEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.message.MessageRejectedEvent;
import io.bulwark.events.rule.Action;
import io.bulwark.events.scan.AttachmentDescription;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.RecipientGroupDecision;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import java.time.Instant;
import java.util.List;

/** A recorded day of gateway traffic covering every lifecycle path, in stream order. */
public final class RecordedMessageEvents {

    static final Instant T0 = Instant.parse("2026-11-20T08:00:00.123Z");

    private RecordedMessageEvents() {
    }

    static MessageRef ref(String queueId, String sender, String... recipients) {
        return new MessageRef(queueId, queueId + "@mail.example.org", sender, List.of(recipients), 2048,
                "198.51.100.7", "node-1");
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** Five messages: delivered, deferred then delivered, partially delivered, bounced, rejected at RCPT. */
    public static List<MessageEvent> day() {
        MessageRef a = ref("Q1", "alice@example.com", "bob@corp.example");
        MessageRef b = ref("Q2", "carol@example.com", "dave@corp.example");
        MessageRef c = ref("Q3", "erin@example.com", "frank@corp.example", "grace@corp.example");
        MessageRef d = ref("Q4", "", "heidi@corp.example");
        MessageRef r = new MessageRef("Q5", null, "spammer@bad.example", List.of("nobody@elsewhere.example"), 0,
                "203.0.113.9", "node-2");
        return List.of(
                new MessageReceivedEvent(a, "mx.example.com", "TLSv1.3", "TLS_AES_256_GCM_SHA384", "ab12", at(0)),
                new MessageQueuedEvent(a, "INCOMING", at(1)),
                new MessageDeliveredEvent(a, "10.0.0.5:25", "250 2.0.0 Ok: queued as 4F1X", at(2)),
                new MessageReceivedEvent(b, "mx.example.com", null, null, "cd34", at(10)),
                new MessageQueuedEvent(b, "INCOMING", at(11)),
                new DeliveryDeferredEvent(b, "10.0.0.5:25", "451 4.3.0 Try again later", 1, at(311), at(12)),
                new MessageQueuedEvent(b.withRecipients(List.of()), "DEFERRED", at(13)),
                new MessageDeliveredEvent(b, "10.0.0.5:25", "250 2.0.0 Ok", at(312)),
                new MessageReceivedEvent(c, "mx.example.com", "TLSv1.3", "TLS_AES_128_GCM_SHA256", "ef56", at(20)),
                new MessageQueuedEvent(c, "INCOMING", at(21)),
                new MessageDeliveredEvent(c.withRecipients(List.of("frank@corp.example")), "10.0.0.5:25", "250 Ok",
                        at(22)),
                new MessageBouncedEvent(c.withRecipients(List.of("grace@corp.example")), "10.0.0.5:25",
                        "550 5.1.1 User unknown", "Q9", at(23)),
                new MessageReceivedEvent(d, "mx.example.com", null, null, "aa00", at(30)),
                new MessageQueuedEvent(d, "INCOMING", at(31)),
                new MessageBouncedEvent(d, "10.0.0.5:25", "550 5.7.1 Refused", null, at(32)),
                new MessageRejectedEvent(r, "RCPT", "550 5.7.1 Relay access denied", at(40)));
    }

    /**
     * The scans of that day's accepted messages, as the gateway records them: Q1 and Q2 of revision 3
     * (subject, attachments), Q3 of revision 2 (neither), Q4 without a subject.
     */
    public static List<MessageScannedEvent> scans() {
        ModuleVerdict clean = ModuleVerdict.of(ProtectionModule.ANTI_VIRUS, ScanStatus.CLEAN);
        ModuleVerdict infected = new ModuleVerdict(ProtectionModule.ANTI_VIRUS, ScanStatus.INFECTED,
                List.of("EICAR test file in part 2 (eicar.com)"), 0, List.of("2"));
        ModuleVerdict spam = ModuleVerdict.of(ProtectionModule.ANTI_SPAM, ScanStatus.PROBABLE_SPAM);
        MessageRef a = ref("Q1", "alice@example.com", "bob@corp.example");
        MessageRef b = ref("Q2", "carol@example.com", "dave@corp.example");
        MessageRef c = ref("Q3", "erin@example.com", "frank@corp.example", "grace@corp.example");
        MessageRef d = ref("Q4", "", "heidi@corp.example");
        return List.of(
                scanned(a, "Default", at(0), "Quarterly report", List.of(new AttachmentDescription("2", "q4.pdf",
                        "application/pdf", 5120, "0f".repeat(32))), clean),
                scanned(b, "Sales", at(10), "Gr\u00fc\u00dfe \u4e2d", List.of(new AttachmentDescription("2", "eicar.com",
                        "application/octet-stream", 68, "27".repeat(32))), infected, spam),
                new MessageScannedEvent(c, ScanReport.of(clean), List.of(decision(c, "Default", clean)), false, at(20)),
                scanned(d, "Default", at(30), null, List.of(), clean));
    }

    private static MessageScannedEvent scanned(MessageRef ref, String rule, Instant at, String subject,
            List<AttachmentDescription> attachments, ModuleVerdict... verdicts) {
        return new MessageScannedEvent(ref, ScanReport.of(verdicts), List.of(decision(ref, rule, verdicts)), false, at,
                subject, attachments);
    }

    private static RecipientGroupDecision decision(MessageRef ref, String rule, ModuleVerdict... verdicts) {
        return new RecipientGroupDecision("r-" + rule, rule, ref.recipients(), Action.SKIP, Action.SKIP, List.of(),
                false, List.of(), List.of(), List.of(verdicts));
    }
}
