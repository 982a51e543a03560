package io.bulwark.admin.settings;

import io.bulwark.admin.audit.AuditCatalog;
import io.bulwark.admin.audit.AuditFacts;
import io.bulwark.events.settings.DnsServerSettingsChangedEvent;
import io.bulwark.events.settings.ModuleSwitchesSettingsChangedEvent;
import io.bulwark.events.settings.MtaSettingsChangedEvent;
import io.bulwark.events.settings.RoutingSettingsChangedEvent;
import io.bulwark.events.settings.SettingsChange;
import io.bulwark.events.settings.SettingsIds;
import io.bulwark.events.settings.TlsPolicySettingsChangedEvent;

/**
 * The settings areas in the audit log (category {@code Settings}): one entry per change, on the
 * object "setting &lt;area&gt;", with every changed field as {@code path[old][new]} diffed from the
 * event's own {@code previous} (so the first change shows the start values as old).
 */
final class SettingsAudit {
    private SettingsAudit() {
    }

    static void register(AuditCatalog catalog) {
        catalog.map(RoutingSettingsChangedEvent.class, "Settings", "RoutingSettingsChanged",
                e -> AuditFacts.by(e.actor()).on("setting", SettingsIds.ROUTING, "mail routing")
                        .settings(e.previous(), e.settings()).says("Changed {object}"));
        catalog.map(TlsPolicySettingsChangedEvent.class, "Settings", "TlsPolicySettingsChanged",
                e -> facts(e, "TLS policy"));
        catalog.map(MtaSettingsChangedEvent.class, "Settings", "MtaSettingsChanged", e -> facts(e, "MTA settings"));
        catalog.map(ModuleSwitchesSettingsChangedEvent.class, "Settings", "ModuleSwitchesChanged",
                e -> facts(e, "module switches"));
        catalog.map(DnsServerSettingsChangedEvent.class, "Settings", "DnsSettingsChanged",
                e -> facts(e, "DNS settings"));
    }

    private static AuditFacts facts(SettingsChange<?> e, String name) {
        return AuditFacts.by(e.actor()).on("setting", e.areaId(), name).settings(e.previous(), e.settings())
                .says("Changed {object}");
    }
}
