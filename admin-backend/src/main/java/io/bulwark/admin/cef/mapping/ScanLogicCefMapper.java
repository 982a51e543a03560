package io.bulwark.admin.cef.mapping;

import io.bulwark.admin.cef.CefGroup;
import io.bulwark.admin.cef.CefMappingTable;
import io.bulwark.admin.cef.CefRecord;
import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.events.message.MessageQueuedEvent;
import io.bulwark.events.message.MessageReceivedEvent;
import io.bulwark.events.message.MessageRejectedEvent;
import io.bulwark.events.rule.Action;
import io.bulwark.events.scan.MessageDeletedEvent;
import io.bulwark.events.scan.AttachmentDescription;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.RecipientGroupDecision;
import io.bulwark.events.scan.ScanStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ScanLogic group: one record per scanned message, sent once the gateway has decided (reference
 * G.2: ScanLogic events are sent after the message is processed), with each module's status,
 * the final action, sender, recipients, client address, rules, Message-ID, subject and attachment
 * hashes; and one record per
 * message refused during the SMTP dialogue.
 */
public final class ScanLogicCefMapper implements CefMappingTable.GroupMapper {
    /** A message was scanned and decided. */
    public static final String MESSAGE_PROCESSED = "BW_EV_SCAN_LOGIC_MESSAGE_PROCESSED";
    /** A message or recipient was refused during the SMTP dialogue (relay denied, policy, size). */
    public static final String MESSAGE_REFUSED = "BW_EV_SCAN_LOGIC_MESSAGE_REFUSED";

    /** The vendor key of the message's subject (the reference's {@code KSMGMessageSubject}). */
    static final String SUBJECT_KEY = "BulwarkMessageSubject";
    /** The CEF dictionary's length of {@code fileHash}. */
    private static final int FILE_HASH_MAX = 255;

    /** The vendor key of each module's status (the reference's {@code KSMGAvStatus} family). */
    static final Map<ProtectionModule, String> STATUS_KEYS = Map.of(
            ProtectionModule.ANTI_VIRUS, "BulwarkAvStatus",
            ProtectionModule.ANTI_SPAM, "BulwarkAsStatus",
            ProtectionModule.ANTI_PHISHING, "BulwarkApStatus",
            ProtectionModule.CONTENT_FILTERING, "BulwarkCfStatus",
            ProtectionModule.SENDER_AUTHENTICATION, "BulwarkMaStatus",
            ProtectionModule.EXTERNAL_SANDBOX, "BulwarkKtStatus");

    @Override
    public CefGroup group() {
        return CefGroup.SCAN_LOGIC;
    }

    @Override
    public void register(CefMappingTable.Registry r) {
        r.map(MessageScannedEvent.class, ScanLogicCefMapper::processed);
        r.map(MessageRejectedEvent.class, e -> CefFields.message(CefRecord.builder(MESSAGE_REFUSED,
                "Message refused", 3).time(e.at()), e.message())
                .put("act", "Rejected").put("outcome", "failure")
                .customString(2, "Stage", e.stage()).put("reason", e.reply()).build());
        r.exclude(MessageReceivedEvent.class, "its facts (sender, recipients, client, size) are in the "
                + MESSAGE_PROCESSED + " record of the same message");
        r.exclude(MessageQueuedEvent.class, "a step inside the gateway, no security meaning");
        r.exclude(MessageDeliveredEvent.class, "normal delivery; the final action is in the processed record");
        r.exclude(MessageDeletedEvent.class, "the processed record of the same message carries act=Deleted");
    }

    static CefRecord processed(MessageScannedEvent e) {
        List<ModuleVerdict> verdicts = new ArrayList<>(e.report().verdicts());
        for (RecipientGroupDecision d : e.decisions()) {
            verdicts.addAll(d.verdicts());
        }
        ScanStatus worst = verdicts.stream().map(ModuleVerdict::status)
                .max(Comparator.comparingInt(ScanLogicCefMapper::severity)).orElse(ScanStatus.CLEAN);
        int severity = verdicts.isEmpty() ? 1 : severity(worst);
        CefRecord.Builder b = CefFields.message(CefRecord.builder(MESSAGE_PROCESSED, "Message processed", severity)
                .time(e.at()), e.message());
        Set<String> actions = new LinkedHashSet<>();
        if (e.dataRejected()) {
            actions.add("Rejected");
        }
        Set<String> rules = new LinkedHashSet<>();
        Set<String> reasons = new LinkedHashSet<>();
        boolean backup = false;
        for (RecipientGroupDecision d : e.decisions()) {
            if (!e.dataRejected()) {
                actions.add(action(d.applied()));
            }
            rules.add(d.ruleName());
            backup |= d.backupCopy();
        }
        for (ModuleVerdict v : e.report().verdicts()) {
            if (v.status().finding() || v.status() == ScanStatus.ERROR) {
                reasons.addAll(v.reasons());
            }
        }
        b.list("act", actions)
                .put("outcome", worst.name())
                .put("fsize", e.message().sizeBytes())
                .customString(2, "Rules", String.join(",", rules))
                .put("reason", String.join("; ", reasons))
                .put("BulwarkRuleNames", String.join(",", rules))
                .put("BulwarkBackupResult", backup ? "Stored" : null);
        for (ProtectionModule module : ProtectionModule.values()) {
            e.report().verdict(module).ifPresent(v -> b.put(STATUS_KEYS.get(module), String.join(",",
                    v.statuses().stream().map(ScanStatus::name).toList())));
        }
        b.put(SUBJECT_KEY, e.subject());
        attachments(b, e.attachments());
        return b.build();
    }

    /**
     * The attachments (revision 3 events): {@code fname} their names, {@code fileHash} their SHA-256
     * as far as whole hashes fit the dictionary's 255 characters (three), {@code BulwarkFileHashes}
     * every hash, {@code BulwarkMessageHashType} the algorithm. Comma-separated, in part order.
     */
    static void attachments(CefRecord.Builder b, List<AttachmentDescription> attachments) {
        List<String> hashes = attachments.stream().map(AttachmentDescription::sha256).filter(h -> h != null).toList();
        List<String> fitting = new ArrayList<>();
        int length = -1;
        for (String hash : hashes) {
            length += hash.length() + 1;
            if (length > FILE_HASH_MAX) {
                break;
            }
            fitting.add(hash);
        }
        b.list("fname", attachments.stream().map(AttachmentDescription::fileName).filter(n -> n != null).toList())
                .list("fileHash", fitting)
                .list("BulwarkFileHashes", hashes)
                .put("BulwarkMessageHashType", hashes.isEmpty() ? null : "SHA256");
    }

    /** The reference's words for the final action. */
    static String action(Action action) {
        return switch (action) {
            case SKIP -> "Skipped";
            case DELETE_ATTACHMENT -> "AttachmentsDeleted";
            case REJECT -> "Rejected";
            case DELETE_MESSAGE -> "Deleted";
        };
    }

    /** CEF severity of a module status (docs/cef.md). */
    static int severity(ScanStatus status) {
        return switch (status) {
            case CLEAN, NOT_SCANNED, NOT_SPAM, PASS -> 1;
            case PROBABLE_SPAM, MASS_MAILING -> 3;
            case SPAM, BLACKLISTED, SPF_FAIL, DKIM_FAIL, DMARC_FAIL, ERROR, ENCRYPTED, CORRUPTED -> 4;
            case FORBIDDEN_SIZE, FORBIDDEN_NAME, FORBIDDEN_TYPE -> 5;
            case PHISHING, MALICIOUS_LINK, PROBABLY_INFECTED -> 7;
            case INFECTED -> 8;
            case SANDBOX_DETECTED -> 9;
        };
    }
}
