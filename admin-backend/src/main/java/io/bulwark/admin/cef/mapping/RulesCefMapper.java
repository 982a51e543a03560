package io.bulwark.admin.cef.mapping;

import io.bulwark.admin.cef.CefGroup;
import io.bulwark.admin.cef.CefMappingTable;
import io.bulwark.admin.cef.CefRecord;
import io.bulwark.events.rule.DenyListActionChangedEvent;
import io.bulwark.events.rule.GlobalListEntryAddedEvent;
import io.bulwark.events.rule.GlobalListEntryRemovedEvent;
import io.bulwark.events.rule.RuleCopiedEvent;
import io.bulwark.events.rule.RuleCreatedEvent;
import io.bulwark.events.rule.RuleDeletedEvent;
import io.bulwark.events.rule.RuleDisabledEvent;
import io.bulwark.events.rule.RuleEditedEvent;
import io.bulwark.events.rule.RuleEnabledEvent;
import io.bulwark.events.rule.RuleMovedEvent;
import io.bulwark.events.rule.RuleSetInitializedEvent;
import java.time.Instant;

/** Rules group: message processing rules and the global allow/deny lists. */
public final class RulesCefMapper implements CefMappingTable.GroupMapper {
    /** A rule was created, copied, changed, enabled, disabled, moved or deleted ({@code act} says which). */
    public static final String RULE_CHANGED = "BW_EV_RULE_CHANGED";
    /** The rule set was initialised with its presets (first start). */
    public static final String ALL_RULES_IMPORTED = "BW_EV_ALL_RULES_IMPORTED";
    /** An entry was added to or removed from a global list, or the deny list's action changed. */
    public static final String GLOBAL_LIST_CHANGED = "BW_EV_GLOBAL_LIST_CHANGED";

    @Override
    public CefGroup group() {
        return CefGroup.RULES;
    }

    @Override
    public void register(CefMappingTable.Registry r) {
        r.map(RuleCreatedEvent.class, e -> rule(e.ruleId(), e.definition().name(), "created", e.actor(), e.at())
                .customNumber(1, "Position", (long) e.position()).build());
        r.map(RuleCopiedEvent.class, e -> rule(e.ruleId(), e.definition().name(), "copied", e.actor(), e.at())
                .customNumber(1, "Position", (long) e.position())
                .customString(3, "SourceRuleId", e.sourceRuleId()).build());
        r.map(RuleEditedEvent.class, e -> rule(e.ruleId(), e.definition().name(), "settings changed", e.actor(),
                e.at()).build());
        r.map(RuleEnabledEvent.class, e -> rule(e.ruleId(), null, "enabled", e.actor(), e.at()).build());
        r.map(RuleDisabledEvent.class, e -> rule(e.ruleId(), null, "disabled", e.actor(), e.at()).build());
        r.map(RuleMovedEvent.class, e -> rule(e.ruleId(), null, "priority changed", e.actor(), e.at())
                .customNumber(1, "Position", (long) e.toPosition())
                .customNumber(2, "PreviousPosition", (long) e.fromPosition()).build());
        r.map(RuleDeletedEvent.class, e -> rule(e.ruleId(), e.name(), "deleted", e.actor(), e.at()).build());
        r.map(RuleSetInitializedEvent.class, e -> CefFields.actor(CefRecord.builder(ALL_RULES_IMPORTED,
                "Rule set initialised", 3).time(e.at()), e.actor()).put("cnt", e.rules().size()).build());
        r.map(GlobalListEntryAddedEvent.class, e -> list(e.list().name(), e.entry().type().name(),
                e.entry().value(), "added", e.actor(), e.at()));
        r.map(GlobalListEntryRemovedEvent.class, e -> list(e.list().name(), e.entry().type().name(),
                e.entry().value(), "removed", e.actor(), e.at()));
        r.map(DenyListActionChangedEvent.class, e -> CefFields.actor(CefRecord.builder(GLOBAL_LIST_CHANGED,
                "Global list changed", 3).time(e.at()), e.actor()).put("act", "action changed")
                .customString(1, "List", "DENY").customString(4, "Action", e.action().name()).build());
    }

    private static CefRecord.Builder rule(String ruleId, String name, String act, String actor, Instant at) {
        return CefFields.actor(CefRecord.builder(RULE_CHANGED, "Rule changed", 3).time(at), actor)
                .put("act", act).customString(1, "RuleName", name).customString(2, "RuleId", ruleId);
    }

    private static CefRecord list(String list, String type, String value, String act, String actor, Instant at) {
        return CefFields.actor(CefRecord.builder(GLOBAL_LIST_CHANGED, "Global list changed", 3).time(at), actor)
                .put("act", act).customString(1, "List", list).customString(2, "EntryType", type)
                .customString(3, "Entry", value).build();
    }
}
