package io.bulwark.admin.cef;

import io.bulwark.events.admin.AdminAccountCreatedEvent;
import io.bulwark.events.admin.AdminLoginRecordedEvent;
import io.bulwark.events.admin.AdminPasswordChangedEvent;
import io.bulwark.events.antispam.MessageTrainedEvent;
import io.bulwark.events.antispam.MessageUntrainedEvent;
import io.bulwark.events.antispam.TrainingVerdict;
import io.bulwark.events.backup.BackupCopyDeletedEvent;
import io.bulwark.events.backup.BackupCopyDeliveryRequestedEvent;
import io.bulwark.events.backup.BackupCopyDownloadedEvent;
import io.bulwark.events.backup.BackupCopyEvictedEvent;
import io.bulwark.events.backup.BackupCopyStoredEvent;
import io.bulwark.events.backup.BackupEvictionReason;
import io.bulwark.events.backup.BackupStorageCondition;
import io.bulwark.events.backup.BackupStorageLowEvent;
import io.bulwark.events.backup.BackupTrigger;
import io.bulwark.events.cef.CefExportFailedEvent;
import io.bulwark.events.cef.CefExportResumedEvent;
import io.bulwark.events.cef.CefExportSettingsChangedEvent;
import io.bulwark.events.dkim.DkimKeyCreatedEvent;
import io.bulwark.events.dkim.DkimKeyDeletedEvent;
import io.bulwark.events.message.DeliveryDeferredEvent;
import io.bulwark.events.message.MessageBouncedEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.message.MessageRejectedEvent;
import io.bulwark.events.queue.DeliveryForcedEvent;
import io.bulwark.events.queue.MessageHeldEvent;
import io.bulwark.events.queue.MessageReleasedEvent;
import io.bulwark.events.queue.NodeTrafficChangeRequestedEvent;
import io.bulwark.events.queue.NodeTrafficChangedEvent;
import io.bulwark.events.queue.NodeTrafficStateReportedEvent;
import io.bulwark.events.queue.QueueAction;
import io.bulwark.events.queue.QueueActionRequestedEvent;
import io.bulwark.events.queue.QueuedMessageDeletedEvent;
import io.bulwark.events.queue.TrafficDirection;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.DenyListActionChangedEvent;
import io.bulwark.events.rule.GlobalListEntry;
import io.bulwark.events.rule.GlobalListEntryAddedEvent;
import io.bulwark.events.rule.GlobalListEntryRemovedEvent;
import io.bulwark.events.rule.GlobalListEntryType;
import io.bulwark.events.rule.GlobalListKind;
import io.bulwark.events.rule.RecipientCriteria;
import io.bulwark.events.rule.RuleCopiedEvent;
import io.bulwark.events.rule.RuleCreatedEvent;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleDeletedEvent;
import io.bulwark.events.rule.RuleDisabledEvent;
import io.bulwark.events.rule.RuleEditedEvent;
import io.bulwark.events.rule.RuleEnabledEvent;
import io.bulwark.events.rule.RuleMovedEvent;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.RuleSetInitializedEvent;
import io.bulwark.events.rule.SenderCriteria;
import io.bulwark.events.scan.AttachmentDescription;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.RecipientGroupDecision;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.events.tls.CertificateActivatedEvent;
import io.bulwark.events.tls.CertificateDeletedEvent;
import io.bulwark.events.tls.CertificateDetails;
import io.bulwark.events.tls.CertificateImportedEvent;
import io.bulwark.events.tls.CertificateSigningRequestCreatedEvent;
import io.bulwark.events.tls.SelfSignedCertificateCreatedEvent;
import io.bulwark.events.tls.TlsKeyType;
import java.time.Instant;
import java.util.List;

/**
 * One event of every exported type, with text chosen to exercise the escaping (pipes, equals signs,
 * backslashes, line breaks, non-ASCII) where the event carries free text.
 */
final class SampleCefEvents {
    static final Instant T0 = Instant.parse("2026-11-20T08:00:00.123Z");
    /** Text a sender or an administrator could choose. */
    static final String NASTY = "Q1 | invoice (a=b) C:\\x\nline two \u00e9\u4e2d";

    private SampleCefEvents() {
    }

    static io.bulwark.events.licence.LicenceKeyFacts licenceKey() {
        return new io.bulwark.events.licence.LicenceKeyFacts("BW-1", "Example Corp", "Bulwark", "mailboxes", 500, T0,
                T0.plusSeconds(31_536_000), io.bulwark.events.licence.LicenceType.COMMERCIAL, 0,
                io.bulwark.events.licence.FunctionalityLevel.FULL, "authority-1", "00ff");
    }

    static io.bulwark.events.dnslist.DnsListDefinition dnsList(double weight) {
        return new io.bulwark.events.dnslist.DnsListDefinition("RBL_EXAMPLE", io.bulwark.events.dnslist.DnsListKind.DNSBL,
                "bl.example.org", java.util.Map.of("127.0.0.2", "listed"), weight, true, false, true);
    }

    static MessageRef message() {
        return new MessageRef("q-1", "<id=1@example.org>", "alice@sender.example",
                List.of("bob@rcpt.example", "carol@rcpt.example"), 1234, "192.0.2.10", "node-a");
    }

    static RuleDefinition rule(String name) {
        return RuleDefinition.withDefaults(name, SenderCriteria.anyone(), RecipientCriteria.anyone());
    }

    static MessageScannedEvent scanned() {
        ModuleVerdict av = new ModuleVerdict(ProtectionModule.ANTI_VIRUS, ScanStatus.INFECTED,
                List.of("EICAR test file in part 2 (" + NASTY + ")"), 0, List.of("2"));
        ModuleVerdict as = ModuleVerdict.of(ProtectionModule.ANTI_SPAM, ScanStatus.NOT_SPAM);
        ModuleVerdict auth = new ModuleVerdict(ProtectionModule.SENDER_AUTHENTICATION, ScanStatus.SPF_FAIL,
                List.of("spf=fail"), 0, List.of(), List.of(ScanStatus.SPF_FAIL, ScanStatus.DKIM_FAIL), List.of(),
                false);
        return new MessageScannedEvent(message(), ScanReport.of(av, as, auth), List.of(new RecipientGroupDecision(
                "default", "Default", message().recipients(), Action.DELETE_ATTACHMENT, Action.DELETE_ATTACHMENT,
                List.of("[Infected]"), true, List.of("2"), List.of("ANTI_VIRUS INFECTED"))), false, T0, SUBJECT,
                ATTACHMENTS);
    }

    /** A subject as the gateway records it (control characters already removed) with CEF's special characters. */
    static final String SUBJECT = "Rechnung | Q4 (a=b) C:\\x \u00e9\u4e2d \uD83D\uDE00";

    /** Four hashed attachments (one more than fileHash holds) and one cut at the decoding limit. */
    static final List<AttachmentDescription> ATTACHMENTS = List.of(
            new AttachmentDescription("2", NASTY.replace('\n', ' '), "application/x-msdownload", 68, "1".repeat(64)),
            new AttachmentDescription("3", "b.pdf", "application/pdf", 10, "2".repeat(64)),
            new AttachmentDescription("4", null, "application/octet-stream", 10, "3".repeat(64)),
            new AttachmentDescription("5", "d.zip", "application/zip", 10, "4".repeat(64)),
            new AttachmentDescription("6", "huge.iso", "application/x-iso9660-image", 104857600, null));

    static List<Object> all() {
        CertificateDetails details = new CertificateDetails("CN=mx.example", "CN=CA", List.of("mx.example"), "01",
                T0, T0.plusSeconds(86400), "ab:cd", "RSA", 2);
        GlobalListEntry entry = new GlobalListEntry(GlobalListEntryType.ADDRESS, "*@spam=er.example");
        MessageRef m = message();
        return List.of(
                new AdminAccountCreatedEvent("helpdesk1", "HELPDESK", "$2a$10$secret", "admin", T0),
                AdminLoginRecordedEvent.ofAccount("admin", false, "192.0.2.7", "console", T0, false),
                AdminLoginRecordedEvent.ofUnknownAccount("2001:db8::7", "api", T0, true),
                new AdminPasswordChangedEvent("admin", "$2a$10$secret", "admin", T0),
                new io.bulwark.events.admin.AdminPasswordChangeRequiredEvent("desk", "password set by admin", "admin", T0),
                new io.bulwark.events.admin.AdminAccountDisabledEvent("desk", "admin", T0),
                new io.bulwark.events.admin.AdminLogoutRecordedEvent("admin", "192.0.2.7", "console", T0),
                new io.bulwark.events.admin.AdminLockedOutEvent("admin", "192.0.2.7", "account", 20,
                        T0.plusSeconds(900), T0),
                new io.bulwark.events.node.NodeStartedEvent("node-a", "0.1.0", T0),
                new io.bulwark.events.node.NodeStoppedEvent("node-a", T0),
                new io.bulwark.events.admin.AdminAccountEnabledEvent("desk", "admin", T0),
                new io.bulwark.events.admin.AdminAccountDeletedEvent("desk", "admin", T0),
                new io.bulwark.events.settings.RoutingSettingsChangedEvent(
                        new io.bulwark.events.settings.RoutingSettings(List.of("corp.example"), List.of(), null,
                                java.util.Map.of(), List.of()),
                        new io.bulwark.events.settings.RoutingSettings(List.of("corp.example", "b.example"),
                                List.of("10.0.0.0/8"), "[10.0.0.5]:25", java.util.Map.of(), List.of()), "admin", T0),
                new io.bulwark.events.settings.TlsPolicySettingsChangedEvent(
                        new io.bulwark.events.settings.TlsPolicySettings("may", false, "may", java.util.Map.of()),
                        new io.bulwark.events.settings.TlsPolicySettings("encrypt", false, "may",
                                java.util.Map.of("partner.example", "verify")), "admin", T0),
                new io.bulwark.events.settings.MtaSettingsChangedEvent(
                        new io.bulwark.events.settings.MtaSettings(10_240_000, 1000, 100, 10, 300, 300, null),
                        new io.bulwark.events.settings.MtaSettings(5_000_000, 1000, 100, 10, 300, 300, null), "admin",
                        T0),
                new io.bulwark.events.settings.ModuleSwitchesSettingsChangedEvent(
                        io.bulwark.events.settings.ModuleSwitches.allOn(),
                        new io.bulwark.events.settings.ModuleSwitches(true, false, true, true, true), "admin", T0),
                new io.bulwark.events.settings.DnsServerSettingsChangedEvent(
                        new io.bulwark.events.settings.DnsServerSettings(List.of(), 10_000),
                        new io.bulwark.events.settings.DnsServerSettings(List.of("192.0.2.53"), 2_000), "admin", T0),
                new io.bulwark.events.history.SealingKeyActivatedEvent("k2", "Ed25519", "MCowBQYDK2VwAyEA", "k1", "admin",
                        "rotation", T0),
                new io.bulwark.events.history.ProjectionRebuildRequestedEvent("r-1", "message-tracking", "admin", T0),
                new io.bulwark.events.history.HistorySegmentArchivedEvent(1, 1000, "ab".repeat(32),
                        "bulwark-history-1-1000-" + "ab".repeat(32) + ".jsonl.gz", "cd".repeat(32), 998, 990, "system",
                        T0),
                new io.bulwark.events.history.DataSubjectForgottenEvent("ds-" + "0f".repeat(16), "admin",
                        "request 42", T0),
                new io.bulwark.events.antivirus.AntivirusUpdateRequestedEvent("u-1", null, "admin", T0),
                new io.bulwark.events.antivirus.AntivirusDatabasesUpdatedEvent("node-1", "https://mirror.example/",
                        List.of(new io.bulwark.events.antivirus.AntivirusDatabase("daily", 27000, 2_000_000, T0)),
                        List.of("daily"), 2_000_000, T0, T0, "u-1", T0),
                new io.bulwark.events.antivirus.AntivirusDatabasesUpToDateEvent("node-1", "https://mirror.example/",
                        List.of(), 2_000_000, T0, T0, null, T0),
                new io.bulwark.events.antivirus.AntivirusDatabaseUpdateFailedEvent("node-1", "https://mirror.example/",
                        "bad signature, keeping daily 26999", List.of(), 2_000_000, T0, null, T0),
                new io.bulwark.events.antivirus.AntivirusDatabasesOutOfDateEvent("node-1", List.of(), 2_000_000, T0, 9,
                        7, T0),
                new io.bulwark.events.licence.LicenceKeyInstalledEvent(io.bulwark.events.licence.LicenceSlot.ACTIVE,
                        licenceKey(), "BW-OLD-1", "file", "admin", T0),
                new io.bulwark.events.licence.LicenceKeyRemovedEvent(io.bulwark.events.licence.LicenceSlot.ACTIVE,
                        licenceKey(), "admin", T0),
                new io.bulwark.events.licence.LicenceKeyPromotedEvent(licenceKey(), "BW-OLD-1", "active key expired",
                        "system", T0),
                new io.bulwark.events.licence.LicenceKeyBlockedEvent("BW-1", "reported stolen", "admin", T0),
                new io.bulwark.events.licence.LicenceKeyUnblockedEvent("BW-1", "admin", T0),
                new io.bulwark.events.licence.LicenceNoticeRaisedEvent(io.bulwark.events.licence.LicenceNotice.EXPIRES_SOON,
                        "BW-1", io.bulwark.events.licence.FunctionalityLevel.FULL,
                        io.bulwark.events.licence.LicenceType.COMMERCIAL, 10, T0.plusSeconds(864_000), true, true,
                        "expires in 10 days", "system", T0),
                new io.bulwark.events.quarantine.SpamQuarantineHeldEvent(m, List.of("r-1"), List.of("Default"), 45.0,
                        List.of("PROBABLE_SPAM"), T0.plusSeconds(3600), T0.plusSeconds(14_400), "system", T0),
                new io.bulwark.events.quarantine.SpamQuarantineNotHeldEvent(m, List.of("r-1"), List.of("Default"), 45.0,
                        "quarantine full (10000 messages)", "system", T0),
                new io.bulwark.events.quarantine.SpamQuarantineRecheckedEvent(m, List.of("r-1"), List.of("Default"), 45.0,
                        null, io.bulwark.events.quarantine.RecheckOutcome.RELEASED, List.of("bob@rcpt.example"),
                        List.of(), List.of("rating 20 now"), null, 1, "system", T0),
                new io.bulwark.events.quarantine.SpamQuarantineReleasedEvent(m, List.of("r-1"), List.of("Default"),
                        "req-1", "admin", T0),
                new io.bulwark.events.quarantine.SpamQuarantineDeletedEvent(m, List.of("r-1"), List.of("Default"),
                        "req-2", "admin", T0),
                new io.bulwark.events.quarantine.SpamQuarantineExpiredEvent(m, List.of("r-1"), List.of("Default"), T0,
                        "maximum hold time reached", "system", T0),
                new io.bulwark.events.dnslist.DnsListsSeededEvent(List.of(dnsList(10)), "properties", "system", T0),
                new io.bulwark.events.dnslist.DnsListAddedEvent(dnsList(10), "admin", T0),
                new io.bulwark.events.dnslist.DnsListEditedEvent(dnsList(10), dnsList(20), "admin", T0),
                new io.bulwark.events.dnslist.DnsListRemovedEvent(dnsList(20), "admin", T0),
                new MessageTrainedEvent("t-1", "q-1", "00ff", TrainingVerdict.SPAM, "v1", List.of(1L, 2L), "admin", T0),
                new MessageUntrainedEvent("t-1", TrainingVerdict.SPAM, "v1", List.of(1L), "admin", T0),
                new BackupCopyStoredEvent("b-1", m, List.of(new BackupTrigger(ProtectionModule.ANTI_VIRUS,
                        ScanStatus.INFECTED, "default", "Default")), 1234, 600, "ee11", T0),
                new BackupCopyEvictedEvent("b-1", BackupEvictionReason.SIZE_CAP, 600, T0, T0),
                new BackupCopyDeliveryRequestedEvent("b-1", "r-1", m, "admin", T0),
                new BackupCopyDeletedEvent("b-1", "admin", T0),
                new BackupCopyDownloadedEvent("b-1", "admin", T0),
                new BackupStorageLowEvent(List.of(BackupStorageCondition.SIZE_CAP_NEARLY_REACHED), 90, 100, 1000, 10,
                        "node-a", T0),
                new CefExportSettingsChangedEvent(true, "tcp://siem.example:514", "tcp", "local0", false, "", "local0",
                        "admin", T0),
                new CefExportFailedEvent("tcp://siem.example:514", "Connection refused", "node-a", T0),
                new CefExportResumedEvent("tcp://siem.example:514", T0, 3, "node-a", T0.plusSeconds(9)),
                new DkimKeyCreatedEvent("k-1", "example.com", "s1", "rsa-2048", "GENERATED", "v=DKIM1; p=AB", List.of(),
                        null, null, "admin", T0),
                new DkimKeyDeletedEvent("k-1", "example.com", "s1", "admin", T0),
                new DeliveryDeferredEvent(m, "mx.rcpt.example", "451 4.3.0 try=later", 2, T0.plusSeconds(600), T0),
                new MessageBouncedEvent(m, "mx.rcpt.example", "550 5.1.1 no such user", "q-2", T0),
                new MessageRejectedEvent(m, "RCPT", "550 5.7.1 Relay access denied", T0),
                new DeliveryForcedEvent(m, "r-1", "admin", T0),
                new MessageHeldEvent(m, "r-1", "admin", T0),
                new MessageReleasedEvent(m, "r-1", "admin", T0),
                new QueuedMessageDeletedEvent(m, "r-1", "admin", T0),
                new NodeTrafficChangeRequestedEvent("r-2", "node-a", TrafficDirection.RECEIVING, false, "admin", T0),
                new NodeTrafficChangedEvent("node-a", TrafficDirection.RECEIVING, false, "r-2", "admin", T0),
                new NodeTrafficStateReportedEvent("node-a", true, false, true, T0),
                new QueueActionRequestedEvent("r-1", QueueAction.HOLD, List.of("q-1", "q-3"), false, "node-a", "admin",
                        T0),
                new DenyListActionChangedEvent(Action.REJECT, "admin", T0),
                new GlobalListEntryAddedEvent(GlobalListKind.DENY, entry, "admin", T0),
                new GlobalListEntryRemovedEvent(GlobalListKind.DENY, entry, "admin", T0),
                new RuleCreatedEvent("r-9", rule(NASTY), 1, "admin", T0),
                new RuleCopiedEvent("r-9", "r-10", rule("copy of it"), 2, "admin", T0),
                new RuleEditedEvent("r-9", rule("Executives = VIP"), "admin", T0),
                new RuleEnabledEvent("r-9", "admin", T0),
                new RuleDisabledEvent("r-9", "admin", T0),
                new RuleMovedEvent("r-9", 1, 3, "admin", T0),
                new RuleDeletedEvent("r-9", "Executives = VIP", "admin", T0),
                new RuleSetInitializedEvent(RulePresets.initialRules(), "system", T0),
                scanned(),
                new CertificateImportedEvent("c-1", "key-1", details, false, "admin", T0),
                new SelfSignedCertificateCreatedEvent("c-2", "key-2", details, "admin", T0),
                new CertificateSigningRequestCreatedEvent("c-3", "key-3", "CN=mx.example", List.of("mx.example"),
                        TlsKeyType.RSA_2048, "admin", T0),
                new CertificateActivatedEvent("c-1", "key-1", "ab:cd", null, "admin", T0),
                new CertificateDeletedEvent("c-2", "key-2", "admin", T0),
                new io.bulwark.events.report.ReportCreatedEvent("daily-2026-11-19",
                        io.bulwark.events.report.ReportType.DAILY, T0.minusSeconds(86400), T0, "r.pdf",
                        List.of("boss@corp.example"), "system", T0),
                new io.bulwark.events.report.ReportFailedEvent("daily-2026-11-19",
                        io.bulwark.events.report.ReportType.DAILY, T0.minusSeconds(86400), T0, NASTY, "system", T0),
                new io.bulwark.events.report.ReportDeletedEvent("daily-2026-11-19",
                        io.bulwark.events.report.ReportType.DAILY, T0.minusSeconds(86400), T0, "admin", T0),
                new io.bulwark.events.report.ReportScheduleChangedEvent(
                        new io.bulwark.events.report.ReportScheduleEntry(true, java.time.LocalTime.of(6, 0),
                                List.of("boss@corp.example")),
                        io.bulwark.events.report.ReportScheduleEntry.off(),
                        io.bulwark.events.report.ReportScheduleEntry.off(),
                        io.bulwark.events.report.ReportScheduleEntry.off(),
                        io.bulwark.events.report.ReportScheduleEntry.off(),
                        io.bulwark.events.report.ReportScheduleEntry.off(), "admin", T0));
    }
}
