package io.bulwark.admin.audit;

import io.bulwark.events.admin.AdminAccountCreatedEvent;
import io.bulwark.events.admin.AdminLockedOutEvent;
import io.bulwark.events.admin.AdminLoginRecordedEvent;
import io.bulwark.events.admin.AdminLogoutRecordedEvent;
import io.bulwark.events.admin.AdminPasswordChangedEvent;
import io.bulwark.events.antispam.MessageTrainedEvent;
import io.bulwark.events.antispam.MessageUntrainedEvent;
import io.bulwark.events.backup.BackupCopyDeletedEvent;
import io.bulwark.events.backup.BackupCopyDeliveryRequestedEvent;
import io.bulwark.events.backup.BackupCopyDownloadedEvent;
import io.bulwark.events.dkim.DkimKeyCreatedEvent;
import io.bulwark.events.dkim.DkimKeyDeletedEvent;
import io.bulwark.events.queue.DeliveryForcedEvent;
import io.bulwark.events.queue.MessageHeldEvent;
import io.bulwark.events.queue.MessageReleasedEvent;
import io.bulwark.events.queue.NodeTrafficChangeRequestedEvent;
import io.bulwark.events.queue.NodeTrafficChangedEvent;
import io.bulwark.events.queue.QueueActionRequestedEvent;
import io.bulwark.events.queue.QueuedMessageDeletedEvent;
import io.bulwark.events.rule.DenyListActionChangedEvent;
import io.bulwark.events.rule.GlobalListEntryAddedEvent;
import io.bulwark.events.rule.GlobalListEntryRemovedEvent;
import io.bulwark.events.rule.RuleCopiedEvent;
import io.bulwark.events.rule.RuleCreatedEvent;
import io.bulwark.events.rule.RuleDeletedEvent;
import io.bulwark.events.rule.RuleDisabledEvent;
import io.bulwark.events.rule.RuleEditedEvent;
import io.bulwark.events.rule.RuleEnabledEvent;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleMovedEvent;
import io.bulwark.events.rule.RuleSetInitializedEvent;
import io.bulwark.events.tls.CertificateActivatedEvent;
import io.bulwark.events.tls.CertificateDeletedEvent;
import io.bulwark.events.tls.CertificateImportedEvent;
import io.bulwark.events.tls.CertificateSigningRequestCreatedEvent;
import io.bulwark.events.tls.SelfSignedCertificateCreatedEvent;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which events are audit log entries, and what each says: one mapping entry per event type.
 *
 * <p><b>Adding an administrative event</b> (an engineer's new feature: anti-virus updates, licence,
 * anti-spam lists, CEF settings): either add one line to {@link #standard()}, or, to keep the
 * change inside the feature's own package, declare a Spring bean of type {@link AuditMappings}:
 * <pre>{@code
 * @Bean AuditMappings licenceAudit() {
 *     return catalog -> catalog.map(LicenceInstalledEvent.class, "License", "LicenseInstalled",
 *             e -> AuditFacts.by(e.actor()).on("licence", e.serial(), null)
 *                     .settings(e.details()).says("Installed {object}"));
 * }
 * }</pre>
 * The type ({@code "LicenseInstalled"}) is what the console's type filter lists; the category groups
 * types. Settings given with {@link AuditFacts#settings} are diffed against the object's previous
 * settings and shown as {@code path[old][new]}, with secrets masked as in the event stream.
 *
 * <p>An event that has no mapping but a {@code String actor} component (the convention of every
 * administrative event) is still recorded, generically: type = the class name without "Event",
 * category "Other", the actor as user, and no object. So a new administrative event is never
 * missing from the audit log, only less well described until it gets a mapping.
 *
 * <p>Built once at start-up, then read-only: thread-safe for reading.
 */
public final class AuditCatalog {

    /** Category of the generic entries of unmapped administrative events. */
    public static final String OTHER = "Other";

    private record Mapping<E>(String category, String type, Function<E, AuditFacts> facts) {
    }

    private final Map<Class<?>, Mapping<?>> mappings = new LinkedHashMap<>();
    private final Map<String, String> categories = new LinkedHashMap<>();

    /**
     * Maps an event type. {@code type} is the entry's type unless the facts override it; list other
     * types the facts may produce with {@link #alsoTypes}.
     */
    public <E> AuditCatalog map(Class<E> eventType, String category, String type, Function<E, AuditFacts> facts) {
        mappings.put(eventType, new Mapping<>(category, type, facts));
        categories.putIfAbsent(type, category);
        return this;
    }

    /** Declares further types a mapping of this category may produce, for the type filter's list. */
    public AuditCatalog alsoTypes(String category, String... types) {
        for (String type : types) {
            categories.putIfAbsent(type, category);
        }
        return this;
    }

    /** Every type the catalog can produce (generic entries not included). */
    public Set<String> types() {
        return new LinkedHashSet<>(categories.keySet());
    }

    /** What the log shows for an event: category, type and facts; empty if it is no audit entry. */
    public Optional<Described> describe(Object event) {
        @SuppressWarnings("unchecked")
        Mapping<Object> mapping = (Mapping<Object>) mappings.get(event.getClass());
        if (mapping != null) {
            AuditFacts facts = mapping.facts().apply(event);
            if (facts == null) {
                return Optional.empty();
            }
            return Optional.of(new Described(mapping.category(), facts.type() == null ? mapping.type() : facts.type(),
                    facts));
        }
        return generic(event);
    }

    /** A described event: the entry's category and type, and its facts. */
    public record Described(String category, String type, AuditFacts facts) {
    }

    private static Optional<Described> generic(Object event) {
        if (!event.getClass().isRecord()) {
            return Optional.empty();
        }
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            if (component.getName().equals("actor") && component.getType() == String.class) {
                try {
                    String actor = (String) component.getAccessor().invoke(event);
                    String type = event.getClass().getSimpleName().replaceFirst("Event$", "");
                    return Optional.of(new Described(OTHER, type, AuditFacts.by(actor).says(words(type))));
                } catch (ReflectiveOperationException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static final Map<Class<?>, Optional<java.lang.reflect.Method>> AT_ACCESSORS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * When the event says it happened: its {@code Instant at} component (the convention of every
     * administrative event), else {@code fallback} (the time it was stored).
     */
    static java.time.Instant timeOf(Object event, java.time.Instant fallback) {
        Optional<java.lang.reflect.Method> accessor = AT_ACCESSORS.computeIfAbsent(event.getClass(), type -> {
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    if (component.getName().equals("at") && component.getType() == java.time.Instant.class) {
                        return Optional.of(component.getAccessor());
                    }
                }
            }
            return Optional.empty();
        });
        if (accessor.isPresent()) {
            try {
                Object at = accessor.get().invoke(event);
                if (at != null) {
                    return (java.time.Instant) at;
                }
            } catch (ReflectiveOperationException e) {
                return fallback;
            }
        }
        return fallback;
    }

    /** "RuleEdited" → "Rule edited". */
    static String words(String camel) {
        String spaced = camel.replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** The mappings of today's administrative and authentication events. */
    public static AuditCatalog standard() {
        AuditCatalog catalog = new AuditCatalog();
        authentication(catalog);
        rules(catalog);
        operations(catalog);
        return catalog;
    }

    private static void authentication(AuditCatalog c) {
        c.map(AdminLoginRecordedEvent.class, "Auth", "Login", e -> {
            String type = e.throttled() ? "LoginRefused" : e.success() ? "Login" : "LoginFailed";
            String channel = "api".equals(e.channel()) ? "API" : "Console";
            String why = e.throttled() ? " refused: too many failed attempts, wait"
                    : e.success() ? "" : Boolean.TRUE.equals(e.unknownAccount()) ? " failed: no such account"
                    : " failed: wrong password";
            return AuditFacts.by(e.username()).type(type).from(e.remoteAddress())
                    .on("account", e.username() == null ? "(unknown)" : e.username(), null)
                    .failed(!e.success())
                    .says(channel + " login" + why);
        }).alsoTypes("Auth", "LoginFailed", "LoginRefused");
        c.map(AdminLogoutRecordedEvent.class, "Auth", "Logout", e -> AuditFacts.by(e.username())
                .from(e.remoteAddress()).on("account", e.username(), null).says("Console logout"));
        c.map(AdminLockedOutEvent.class, "Auth", "Lockout", e -> AdminLockedOutEvent.ADDRESS.equals(e.scope())
                ? AuditFacts.by(null).from(e.remoteAddress()).on("address", e.remoteAddress(), null).failed(true)
                        .says("Address " + e.remoteAddress() + " locked out until " + e.lockedUntil() + " after "
                                + e.failures() + " failed logins")
                : AuditFacts.by(e.username()).from(e.remoteAddress()).on("account", e.username(), null).failed(true)
                        .says("Account " + e.username() + " locked out until " + e.lockedUntil() + " after "
                                + e.failures() + " failed logins"));
        c.map(AdminPasswordChangedEvent.class, "Auth", "PasswordChanged", e -> AuditFacts.by(e.actor())
                .on("account", e.username(), null).says("Password of {object} changed"));
        c.map(AdminAccountCreatedEvent.class, "Accounts", "AccountCreated", e -> AuditFacts.by(e.actor())
                .on("account", e.username(), null).settings(Map.of("role", e.role())).says("Created {object}"));
    }

    private static void rules(AuditCatalog c) {
        c.map(RuleSetInitializedEvent.class, "Rules", "RulesInitialized", e -> {
            AuditFacts facts = AuditFacts.by(e.actor()).says("Rule set initialized with " + e.rules().size() + " rules");
            for (RuleEntry rule : e.rules()) {
                facts = facts.remembers("rule", rule.ruleId(), rule.definition().name(), rule.definition());
            }
            return facts;
        });
        c.map(RuleCreatedEvent.class, "Rules", "RuleCreated", e -> AuditFacts.by(e.actor())
                .on("rule", e.ruleId(), e.definition().name()).settings(e.definition())
                .says("Created {object} at position " + e.position()));
        c.map(RuleCopiedEvent.class, "Rules", "RuleCopied", e -> AuditFacts.by(e.actor())
                .on("rule", e.ruleId(), e.definition().name()).settings(e.definition())
                .says("Created {object} as a copy of rule " + e.sourceRuleId()));
        c.map(RuleEditedEvent.class, "Rules", "RuleEdited", e -> AuditFacts.by(e.actor())
                .on("rule", e.ruleId(), e.definition().name()).settings(e.definition()).says("Edited {object}"));
        c.map(RuleEnabledEvent.class, "Rules", "RuleEnabled", e -> AuditFacts.by(e.actor())
                .on("rule", e.ruleId(), null).patch("enabled", true).says("Enabled {object}"));
        c.map(RuleDisabledEvent.class, "Rules", "RuleDisabled", e -> AuditFacts.by(e.actor())
                .on("rule", e.ruleId(), null).patch("enabled", false).says("Disabled {object}"));
        c.map(RuleMovedEvent.class, "Rules", "RuleMoved", e -> AuditFacts.by(e.actor())
                .on("rule", e.ruleId(), null).patch("position", e.toPosition())
                .says("Moved {object} from position " + e.fromPosition() + " to " + e.toPosition()));
        c.map(RuleDeletedEvent.class, "Rules", "RuleDeleted", e -> AuditFacts.by(e.actor())
                .on("rule", e.ruleId(), e.name()).removesObject().says("Deleted {object}"));
        c.map(GlobalListEntryAddedEvent.class, "Rules", "GlobalListEntryAdded", e -> AuditFacts.by(e.actor())
                .on("list", e.list().name().toLowerCase(Locale.ROOT), e.list().name().toLowerCase(Locale.ROOT) + " list")
                .says("Added " + e.entry().type() + " " + e.entry().value() + " to the {object}"));
        c.map(GlobalListEntryRemovedEvent.class, "Rules", "GlobalListEntryRemoved", e -> AuditFacts.by(e.actor())
                .on("list", e.list().name().toLowerCase(Locale.ROOT), e.list().name().toLowerCase(Locale.ROOT) + " list")
                .says("Removed " + e.entry().type() + " " + e.entry().value() + " from the {object}"));
        c.map(DenyListActionChangedEvent.class, "Rules", "DenyListActionChanged", e -> AuditFacts.by(e.actor())
                .on("setting", "deny-list-action", "deny list action").settings(Map.of("action", e.action().name()))
                .says("Changed the deny list action to " + e.action()));
    }

    private static void operations(AuditCatalog c) {
        c.map(DkimKeyCreatedEvent.class, "Settings", "DkimKeyCreated", e -> AuditFacts.by(e.actor())
                .on("DKIM key", e.keyId(), e.selector() + "._domainkey." + e.domain())
                .says("Created {object} (" + e.algorithm() + ", " + e.origin() + ")"));
        c.map(DkimKeyDeletedEvent.class, "Settings", "DkimKeyDeleted", e -> AuditFacts.by(e.actor())
                .on("DKIM key", e.keyId(), e.selector() + "._domainkey." + e.domain()).removesObject()
                .says("Deleted {object}"));
        c.map(CertificateImportedEvent.class, "Settings", "CertificateImported", e -> AuditFacts.by(e.actor())
                .on("certificate", e.certificateId(), e.details().subject()).says("Imported {object}"));
        c.map(SelfSignedCertificateCreatedEvent.class, "Settings", "CertificateCreated", e -> AuditFacts.by(e.actor())
                .on("certificate", e.certificateId(), e.details().subject()).says("Created self-signed {object}"));
        c.map(CertificateSigningRequestCreatedEvent.class, "Settings", "CertificateRequestCreated",
                e -> AuditFacts.by(e.actor()).on("certificate", e.certificateId(), e.subject())
                        .says("Created a signing request for {object}"));
        c.map(CertificateActivatedEvent.class, "Settings", "CertificateActivated", e -> AuditFacts.by(e.actor())
                .on("certificate", e.certificateId(), null).settings(Map.of("active", e.certificateId()))
                .says("Activated {object}" + (e.previousId() == null ? "" : " instead of " + e.previousId())));
        c.map(CertificateDeletedEvent.class, "Settings", "CertificateDeleted", e -> AuditFacts.by(e.actor())
                .on("certificate", e.certificateId(), null).removesObject().says("Deleted {object}"));
        c.map(QueueActionRequestedEvent.class, "Queue", "QueueActionRequested", e -> AuditFacts.by(e.actor())
                .on("queue", e.nodeId() == null ? "all nodes" : e.nodeId(), null)
                .says(words(e.action().name().toLowerCase(Locale.ROOT).replace('_', ' ')) + " "
                        + (e.all() ? "all messages" : e.queueIds().size() + " message(s): " + String.join(", ", e.queueIds()))));
        c.map(MessageHeldEvent.class, "Queue", "MessageHeld", e -> AuditFacts.by(e.actor())
                .on("message", e.message().queueId(), null).says("Held {object}"));
        c.map(MessageReleasedEvent.class, "Queue", "MessageReleased", e -> AuditFacts.by(e.actor())
                .on("message", e.message().queueId(), null).says("Released {object}"));
        c.map(DeliveryForcedEvent.class, "Queue", "DeliveryForced", e -> AuditFacts.by(e.actor())
                .on("message", e.message().queueId(), null).says("Forced delivery of {object}"));
        c.map(QueuedMessageDeletedEvent.class, "Queue", "QueuedMessageDeleted", e -> AuditFacts.by(e.actor())
                .on("message", e.message().queueId(), null).says("Deleted {object} from the queue"));
        c.map(NodeTrafficChangeRequestedEvent.class, "Appliance", "NodeTrafficChangeRequested",
                e -> AuditFacts.by(e.actor()).on("node", e.nodeId(), null)
                        .says((e.enabled() ? "Start " : "Stop ") + e.direction().name().toLowerCase(Locale.ROOT)
                                + " on {object}"));
        c.map(NodeTrafficChangedEvent.class, "Appliance", "NodeTrafficChanged", e -> AuditFacts.by(e.actor())
                .on("node", e.nodeId(), null).patch(e.direction().name().toLowerCase(Locale.ROOT), e.enabled())
                .says((e.enabled() ? "Started " : "Stopped ") + e.direction().name().toLowerCase(Locale.ROOT)
                        + " on {object}"));
        c.map(BackupCopyDeliveryRequestedEvent.class, "Backup", "BackupCopyDeliveryRequested",
                e -> AuditFacts.by(e.actor()).on("backup copy", e.backupId(), null)
                        .says("Requested delivery of {object} (message " + e.message().messageId() + ")"));
        c.map(BackupCopyDownloadedEvent.class, "Backup", "BackupCopyDownloaded", e -> AuditFacts.by(e.actor())
                .on("backup copy", e.backupId(), null).says("Downloaded {object}"));
        c.map(BackupCopyDeletedEvent.class, "Backup", "BackupCopyDeleted", e -> AuditFacts.by(e.actor())
                .on("backup copy", e.backupId(), null).says("Deleted {object}"));
        c.map(MessageTrainedEvent.class, "AntiSpam", "MessageTrained", e -> AuditFacts.by(e.actor())
                .on("training", e.trainingId(), null).says("Trained message " + e.queueId() + " as " + e.verdict()));
        c.map(MessageUntrainedEvent.class, "AntiSpam", "MessageUntrained", e -> AuditFacts.by(e.actor())
                .on("training", e.trainingId(), null).says("Withdrew training {object} (" + e.verdict() + ")"));
    }
}
