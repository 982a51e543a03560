package io.bulwark.admin.cef.mapping;

import io.bulwark.admin.cef.CefGroup;
import io.bulwark.admin.cef.CefMappingTable;
import io.bulwark.admin.cef.CefRecord;
import io.bulwark.events.antispam.MessageTrainedEvent;
import io.bulwark.events.antispam.MessageUntrainedEvent;
import io.bulwark.events.cef.CefExportSettingsChangedEvent;
import io.bulwark.events.dkim.DkimKeyCreatedEvent;
import io.bulwark.events.dkim.DkimKeyDeletedEvent;
import io.bulwark.events.tls.CertificateActivatedEvent;
import io.bulwark.events.tls.CertificateDeletedEvent;
import io.bulwark.events.tls.CertificateImportedEvent;
import io.bulwark.events.tls.CertificateSigningRequestCreatedEvent;
import io.bulwark.events.tls.SelfSignedCertificateCreatedEvent;
import java.time.Instant;

/**
 * Settings group: every settings change that is not a rule, as the reference's
 * {@code LMS_EV_SETTINGS_CHANGED}: {@code cs1} names the settings area ({@code SettingsArea}),
 * {@code act} is {@code created}, {@code changed} or {@code deleted}, {@code suser} who did it,
 * {@code cs2} the object ({@code ObjectId}).
 */
public final class SettingsCefMapper implements CefMappingTable.GroupMapper {
    /** Settings of an area were created, changed or deleted. */
    public static final String SETTINGS_CHANGED = "BW_EV_SETTINGS_CHANGED";

    @Override
    public CefGroup group() {
        return CefGroup.SETTINGS;
    }

    @Override
    public void register(CefMappingTable.Registry r) {
        r.map(DkimKeyCreatedEvent.class, e -> changed("DKIM keys", "created", e.keyId(), e.actor(), e.at())
                .customString(3, "Detail", e.selector() + "._domainkey." + e.domain() + " " + e.algorithm())
                .build());
        r.map(DkimKeyDeletedEvent.class, e -> changed("DKIM keys", "deleted", e.keyId(), e.actor(), e.at())
                .customString(3, "Detail", e.selector() + "._domainkey." + e.domain()).build());
        r.map(CertificateImportedEvent.class, e -> changed("TLS certificates", "created", e.certificateId(),
                e.actor(), e.at()).customString(3, "Detail", "imported " + e.details().subject())
                .put("fileHash", e.details().sha256Fingerprint()).build());
        r.map(SelfSignedCertificateCreatedEvent.class, e -> changed("TLS certificates", "created",
                e.certificateId(), e.actor(), e.at()).customString(3, "Detail", "self-signed "
                + e.details().subject()).put("fileHash", e.details().sha256Fingerprint()).build());
        r.map(CertificateSigningRequestCreatedEvent.class, e -> changed("TLS certificates", "created",
                e.certificateId(), e.actor(), e.at()).customString(3, "Detail", "signing request "
                + e.subject()).build());
        r.map(CertificateActivatedEvent.class, e -> changed("TLS certificates", "changed", e.certificateId(),
                e.actor(), e.at()).customString(3, "Detail", "activated, replacing "
                + (e.previousId() == null ? "none" : e.previousId())).put("fileHash", e.sha256Fingerprint()).build());
        r.map(CertificateDeletedEvent.class, e -> changed("TLS certificates", "deleted", e.certificateId(),
                e.actor(), e.at()).build());
        r.map(MessageTrainedEvent.class, e -> changed("Anti-spam training", "created", e.trainingId(), e.actor(),
                e.at()).customString(3, "Detail", "trained as " + e.verdict() + " (message " + e.queueId() + ")")
                .build());
        r.map(MessageUntrainedEvent.class, e -> changed("Anti-spam training", "deleted", e.trainingId(),
                e.actor(), e.at()).customString(3, "Detail", "untrained " + e.verdict()).build());
        r.map(io.bulwark.events.settings.RoutingSettingsChangedEvent.class, e -> changed("Mail routing", "changed",
                io.bulwark.events.settings.SettingsIds.ROUTING, e.actor(), e.at())
                .customString(3, "Detail", routingChange(e.previous(), e.settings())).build());
        r.map(io.bulwark.events.settings.TlsPolicySettingsChangedEvent.class, e -> area(e, "TLS policy"));
        r.map(io.bulwark.events.settings.MtaSettingsChangedEvent.class, e -> area(e, "MTA settings"));
        r.map(io.bulwark.events.settings.ModuleSwitchesSettingsChangedEvent.class, e -> area(e, "Module switches"));
        r.map(io.bulwark.events.settings.DnsServerSettingsChangedEvent.class, e -> area(e, "DNS settings"));
        r.map(io.bulwark.events.history.SealingKeyActivatedEvent.class, e -> changed("History sealing key",
                "changed", e.keyId(), e.actor(), e.at()).customString(3, "Detail", e.algorithm() + " key "
                        + e.keyId() + " replaces " + blank(e.previousKeyId()) + (e.reason() == null ? ""
                        : ": " + e.reason())).build());
        r.map(io.bulwark.events.dnslist.DnsListsSeededEvent.class, e -> changed("Anti-spam DNS lists", "created",
                null, e.actor(), e.at()).customString(3, "Detail", "seeded from " + e.source() + ": "
                        + e.lists().stream().map(l -> l.symbol() + " " + l.zone()).toList()).build());
        r.map(io.bulwark.events.dnslist.DnsListAddedEvent.class, e -> changed("Anti-spam DNS lists", "created",
                e.list().symbol(), e.actor(), e.at()).customString(3, "Detail", dnsList(e.list())).build());
        r.map(io.bulwark.events.dnslist.DnsListEditedEvent.class, e -> changed("Anti-spam DNS lists", "changed",
                e.list().symbol(), e.actor(), e.at()).customString(3, "Detail", dnsList(e.previous()) + " -> "
                        + dnsList(e.list())).build());
        r.map(io.bulwark.events.dnslist.DnsListRemovedEvent.class, e -> changed("Anti-spam DNS lists", "deleted",
                e.removed().symbol(), e.actor(), e.at()).customString(3, "Detail", dnsList(e.removed())).build());
        r.map(CefExportSettingsChangedEvent.class, e -> changed("CEF export", "changed", null, e.actor(), e.at())
                .customString(3, "Detail", "enabled " + e.previousEnabled() + " -> " + e.enabled()
                        + ", target " + blank(e.previousTarget()) + " -> " + blank(e.target())
                        + ", facility " + e.previousFacility() + " -> " + e.facility())
                .build());
    }

    /** {@code field old -> new} for each routing field that changed (the reference's path[old][new]). */
    static String routingChange(io.bulwark.events.settings.RoutingSettings before,
            io.bulwark.events.settings.RoutingSettings after) {
        return componentChange(before, after);
    }

    /** A settings area's change: {@code field old -> new} for each record component that changed. */
    private static CefRecord area(io.bulwark.events.settings.SettingsChange<?> e, String area) {
        return changed(area, "changed", e.areaId(), e.actor(), e.at())
                .customString(3, "Detail", componentChange(e.previous(), e.settings())).build();
    }

    /** {@code field old -> new} for each component of two records of one type that differs. */
    static String componentChange(Object before, Object after) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (java.lang.reflect.RecordComponent c : after.getClass().getRecordComponents()) {
            try {
                diff(parts, c.getName(), before == null ? null : c.getAccessor().invoke(before),
                        c.getAccessor().invoke(after));
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("cannot read " + c.getName(), ex);
            }
        }
        return parts.isEmpty() ? "saved unchanged" : String.join("; ", parts);
    }

    private static void diff(java.util.List<String> parts, String field, Object before, Object after) {
        if (!java.util.Objects.equals(before, after)) {
            parts.add(field + " " + (before == null ? "none" : before) + " -> " + (after == null ? "none" : after));
        }
    }

    private static String dnsList(io.bulwark.events.dnslist.DnsListDefinition l) {
        return l.kind() + " " + l.zone() + " weight " + l.weight() + (l.enabled() ? "" : " (disabled)");
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? "none" : s;
    }

    private static CefRecord.Builder changed(String area, String act, String objectId, String actor, Instant at) {
        return CefFields.actor(CefRecord.builder(SETTINGS_CHANGED, "Settings changed", 3).time(at), actor)
                .put("act", act).customString(1, "SettingsArea", area).customString(2, "ObjectId", objectId);
    }
}
