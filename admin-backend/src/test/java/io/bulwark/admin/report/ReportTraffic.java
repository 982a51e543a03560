package io.bulwark.admin.report;

import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.message.MessageRejectedEvent;
import io.bulwark.events.rule.Action;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.RecipientGroupDecision;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.events.scan.ScanSymbol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Recorded-style mail traffic of one day (2026-12-04, UTC) on two nodes, for the report tests. */
final class ReportTraffic {
    static final Instant DAY = Instant.parse("2026-12-04T00:00:00Z");

    private ReportTraffic() {
    }

    static MessageRef ref(String queueId, String sender, List<String> rcpts, long size, String node) {
        return new MessageRef(queueId, queueId + "@example", sender, rcpts, size, "192.0.2.1", node);
    }

    static MessageScannedEvent clean(String queueId, String sender, String rcpt, long size, String node, Instant at) {
        return new MessageScannedEvent(ref(queueId, sender, List.of(rcpt), size, node),
                ScanReport.of(ModuleVerdict.of(ProtectionModule.ANTI_VIRUS, ScanStatus.CLEAN),
                        ModuleVerdict.of(ProtectionModule.ANTI_SPAM, ScanStatus.NOT_SPAM)),
                List.of(new RecipientGroupDecision("r1", "Default", List.of(rcpt), Action.SKIP, Action.SKIP, List.of(),
                        false, List.of(), List.of())),
                false, at);
    }

    static MessageScannedEvent infected(String queueId, String sender, String rcpt, long size, String node,
            Instant at) {
        ModuleVerdict av = new ModuleVerdict(ProtectionModule.ANTI_VIRUS, ScanStatus.INFECTED, List.of("EICAR in 2"),
                0, List.of("2"), List.of(ScanStatus.INFECTED),
                List.of(new ScanSymbol("EICAR_TEST_FILE", 0, "EICAR", List.of("2"))), false);
        return new MessageScannedEvent(ref(queueId, sender, List.of(rcpt), size, node),
                ScanReport.of(av, ModuleVerdict.of(ProtectionModule.ANTI_SPAM, ScanStatus.NOT_SPAM)),
                List.of(new RecipientGroupDecision("r1", "Default", List.of(rcpt), Action.DELETE_ATTACHMENT,
                        Action.DELETE_ATTACHMENT, List.of("[Infected]"), true, List.of("2"), List.of())),
                false, at);
    }

    static MessageScannedEvent spamRejected(String queueId, String sender, String rcpt, long size, String node,
            Instant at) {
        return new MessageScannedEvent(ref(queueId, sender, List.of(rcpt), size, node),
                ScanReport.of(ModuleVerdict.of(ProtectionModule.ANTI_VIRUS, ScanStatus.CLEAN),
                        ModuleVerdict.of(ProtectionModule.ANTI_SPAM, ScanStatus.SPAM)),
                List.of(new RecipientGroupDecision("r1", "Default", List.of(rcpt), Action.REJECT, Action.REJECT,
                        List.of(), false, List.of(), List.of())),
                true, at);
    }

    /**
     * 10 messages: 6 clean (4 on node-a at 08h from alice@a.example, 2 on node-b at 09h from
     * bob@b.example), 3 infected (node-a, 14h, from mallory@evil.example), 1 spam rejected (node-b,
     * 23h, from spammer@evil.example); 5 deliveries and 2 RCPT refusals.
     */
    static List<Object> day() {
        return day(DAY);
    }

    /** The same traffic on another day (midnight UTC), for tests sharing a store with others. */
    static List<Object> day(Instant day) {
        Instant DAY = day;
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Instant at = DAY.plusSeconds(8 * 3600 + i * 60);
            events.add(clean("qa" + i, "alice@a.example", "carol@corp.example", 1000, "node-a", at));
            if (i < 3) {
                events.add(new MessageDeliveredEvent(ref("qa" + i, "alice@a.example", List.of("carol@corp.example"),
                        1000, "node-a"), "mx:25", "250 ok", at.plusSeconds(1)));
            }
        }
        for (int i = 0; i < 2; i++) {
            Instant at = DAY.plusSeconds(9 * 3600 + i * 60);
            events.add(clean("qb" + i, "bob@b.example", "dave@corp.example", 2000, "node-b", at));
            events.add(new MessageDeliveredEvent(ref("qb" + i, "bob@b.example", List.of("dave@corp.example"), 2000,
                    "node-b"), "mx:25", "250 ok", at.plusSeconds(1)));
        }
        for (int i = 0; i < 3; i++) {
            events.add(infected("qv" + i, "mallory@evil.example", "carol@corp.example", 5000, "node-a",
                    DAY.plusSeconds(14 * 3600 + i)));
        }
        events.add(spamRejected("qs0", "spammer@evil.example", "carol@corp.example", 700, "node-b",
                DAY.plusSeconds(23 * 3600 + 5)));
        events.add(new MessageRejectedEvent(ref("qr0", "x@relay.example", List.of("y@elsewhere.example"), 0, "node-b"),
                "RCPT", "550 5.7.1 Relay access denied", DAY.plusSeconds(10 * 3600)));
        events.add(new MessageRejectedEvent(ref("qr1", "x@relay.example", List.of("z@elsewhere.example"), 0, "node-b"),
                "RCPT", "550 5.7.1 Relay access denied", DAY.plusSeconds(10 * 3600 + 1)));
        // the day after: must not count in the day's report
        events.add(clean("qn0", "alice@a.example", "carol@corp.example", 1000, "node-a", DAY.plusSeconds(86400 + 5)));
        return events;
    }
}
