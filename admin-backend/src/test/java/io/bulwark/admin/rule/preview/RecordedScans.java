package io.bulwark.admin.rule.preview;

import io.bulwark.events.message.MessageRef;
import io.bulwark.events.rule.Action;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.RecipientGroupDecision;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Recorded scans for the preview's tests: a few senders, envelopes and verdicts repeated (so
 * messages fold into fewer shapes), reasons and scores that differ per message (which the shapes
 * must not tell apart, but the examples must keep), and one message every 7 with two recipients.
 */
public final class RecordedScans {
    private RecordedScans() {
    }

    /** {@code n} scans, one every 5 seconds from {@code start}, queue ids {@code prefix0, prefix1, ...}. */
    public static List<MessageScannedEvent> scans(String prefix, int n, Instant start, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ScanStatus[] spam = {ScanStatus.NOT_SPAM, ScanStatus.NOT_SPAM, ScanStatus.PROBABLE_SPAM, ScanStatus.SPAM};
        List<MessageScannedEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> rcpts = i % 7 == 0 ? List.of("user@corp.example", "team@corp.example")
                    : List.of("user" + random.nextInt(3) + "@corp.example");
            List<ModuleVerdict> verdicts = List.of(
                    new ModuleVerdict(ProtectionModule.ANTI_SPAM, spam[random.nextInt(spam.length)],
                            List.of("BAYES_SPAM (" + random.nextInt(50) / 10.0 + ")"), random.nextInt(50) / 10.0,
                            List.of()),
                    ModuleVerdict.of(ProtectionModule.ANTI_VIRUS,
                            random.nextInt(20) == 0 ? ScanStatus.INFECTED : ScanStatus.CLEAN));
            String q = prefix + i;
            out.add(new MessageScannedEvent(new MessageRef(q, q + "@mid", "sender" + random.nextInt(4)
                    + "@elsewhere.example", rcpts, 2048, "192.0.2." + random.nextInt(2), "node-1"),
                    new ScanReport(verdicts, Map.of(), 5),
                    List.of(new RecipientGroupDecision("default", "Default", rcpts, Action.SKIP, Action.SKIP, List.of(),
                            false, List.of(), List.of(), verdicts)), false, start.plusSeconds(5L * i)));
        }
        return out;
    }
}
