package io.bulwark.admin.history;

import io.bulwark.events.rule.GlobalListEntry;
import io.bulwark.events.rule.GlobalListKind;
import io.bulwark.events.rule.GlobalListsProjection;
import io.bulwark.events.rule.GlobalListsView;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleListProjection;
import io.bulwark.events.rule.RuleSetIds;
import io.bulwark.events.settings.RoutingSettings;
import io.bulwark.events.settings.RoutingSettingsChangedEvent;
import io.bulwark.events.settings.SettingsChange;
import io.bulwark.events.settings.SettingsIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Time travel over the configuration: the rule list, the global lists, the mail routing settings and
 * the four other settings areas (TLS policy, MTA limits, module switches, DNS; ADR 0031) as they
 * were at a moment, by replaying their event streams (the {@code rules},
 * {@code global-lists} and {@code settings-routing} aggregates, upcast
 * like any read) up to that moment into the same pure folds the gateway and the console use
 * ({@link RuleListProjection}, {@link GlobalListsProjection}; for routing the last
 * {@link RoutingSettingsChangedEvent}'s settings, as the gateway applies them; for the other areas
 * the last {@link SettingsChange}'s settings, likewise), and the difference
 * between two moments. Reads the streams from the storage engine, never a snapshot (a snapshot is "now").
 *
 * <p>An event counts at a moment when its timestamp is at or before it. Cost: the two streams'
 * length (configuration changes, not mail). Stateless and thread-safe.
 */
public final class ConfigurationHistory {
    private final EventStore eventStore;

    public ConfigurationHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * The configuration at a moment.
     *
     * @param at          the moment
     * @param rules       the rules in matching order
     * @param globalLists the allow and deny lists
     * @param lastChange  the timestamp of the last configuration event at or before {@code at}, or null
     * @param routing     the mail routing recorded from the console, or null while none was recorded
     *                    (each node's properties applied then)
     * @param settings    the other settings areas recorded from the console, by area name
     *                    ({@link #AREAS}: {@code tls-policy}, {@code mta}, {@code modules}, {@code dns});
     *                    an area never recorded at that moment is null (each node's properties applied then)
     */
    public record ConfigurationAt(Instant at, List<RuleEntry> rules, GlobalListsView globalLists, Instant lastChange,
            RoutingSettings routing, Map<String, Object> settings) {
        public ConfigurationAt {
            settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }

        /** The rules, lists and routing alone (no other settings area recorded). */
        public ConfigurationAt(Instant at, List<RuleEntry> rules, GlobalListsView globalLists, Instant lastChange,
                RoutingSettings routing) {
            this(at, rules, globalLists, lastChange, routing, noAreas());
        }
    }

    /**
     * The settings areas beside the routing, by the name the API and console use, with their
     * aggregate ids (ADR 0031: one stream each, every change event a {@link SettingsChange}).
     */
    public static final Map<String, String> AREAS = areas();

    private static Map<String, String> areas() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tls-policy", SettingsIds.TLS_POLICY);
        m.put("mta", SettingsIds.MTA);
        m.put("modules", SettingsIds.MODULES);
        m.put("dns", SettingsIds.DNS);
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, Object> noAreas() {
        Map<String, Object> m = new LinkedHashMap<>();
        AREAS.keySet().forEach(k -> m.put(k, null));
        return m;
    }

    /**
     * One settings area that differs between two moments.
     *
     * @param area   its name ({@link #AREAS})
     * @param before the area at {@code from} (null: not recorded then)
     * @param after  the area at {@code to}
     */
    public record SettingsAreaChange(String area, Object before, Object after) {
    }

    /**
     * The difference between two moments.
     *
     * @param rulesAdded    rules present at {@code to} only
     * @param rulesRemoved  rules present at {@code from} only
     * @param rulesChanged  rules present at both whose definition differs (value at {@code to})
     * @param rulesMoved    whether the order of the rules present at both differs
     * @param allowAdded    allow-list entries added
     * @param allowRemoved  allow-list entries removed
     * @param denyAdded     deny-list entries added
     * @param denyRemoved   deny-list entries removed
     * @param routingChanged whether the routing settings differ
     * @param routingBefore the routing settings at {@code from} (null: none recorded), only when changed
     * @param routingAfter  the routing settings at {@code to}, only when changed
     * @param settingsChanged the other settings areas that differ, in {@link #AREAS} order
     */
    public record ConfigurationDiff(Instant from, Instant to, List<RuleEntry> rulesAdded, List<RuleEntry> rulesRemoved,
            List<RuleChange> rulesChanged, boolean rulesMoved, List<GlobalListEntry> allowAdded,
            List<GlobalListEntry> allowRemoved, List<GlobalListEntry> denyAdded, List<GlobalListEntry> denyRemoved,
            boolean denyActionChanged, boolean routingChanged, RoutingSettings routingBefore,
            RoutingSettings routingAfter, List<SettingsAreaChange> settingsChanged) {
    }

    /** A rule as it was at both moments. */
    public record RuleChange(String ruleId, RuleEntry before, RuleEntry after) {
    }

    public ConfigurationAt at(Instant at) {
        RuleListProjection rules = new RuleListProjection();
        GlobalListsProjection lists = new GlobalListsProjection();
        Instant[] last = {null};
        Consumer<DomainEventMessage<?>> track = e -> {
            if (last[0] == null || e.getTimestamp().isAfter(last[0])) {
                last[0] = e.getTimestamp();
            }
        };
        replay(RuleSetIds.RULES, at, e -> {
            rules.apply(e.getPayload());
            track.accept(e);
        });
        replay(RuleSetIds.GLOBAL_LISTS, at, e -> {
            lists.apply(e.getPayload());
            track.accept(e);
        });
        RoutingSettings[] routing = {null};
        replay(SettingsIds.ROUTING, at, e -> {
            if (e.getPayload() instanceof RoutingSettingsChangedEvent changed) {
                routing[0] = changed.settings();
                track.accept(e);
            }
        });
        Map<String, Object> settings = noAreas();
        AREAS.forEach((name, aggregateId) -> replay(aggregateId, at, e -> {
            if (e.getPayload() instanceof SettingsChange<?> change) {
                settings.put(name, change.settings());
                track.accept(e);
            }
        }));
        return new ConfigurationAt(at, rules.rules(), lists.view(), last[0], routing[0], settings);
    }

    public ConfigurationDiff diff(Instant from, Instant to) {
        ConfigurationAt before = at(from);
        ConfigurationAt after = at(to);
        Map<String, RuleEntry> was = byId(before.rules());
        Map<String, RuleEntry> is = byId(after.rules());
        List<RuleEntry> added = after.rules().stream().filter(r -> !was.containsKey(r.ruleId())).toList();
        List<RuleEntry> removed = before.rules().stream().filter(r -> !is.containsKey(r.ruleId())).toList();
        List<RuleChange> changed = new ArrayList<>();
        for (RuleEntry r : after.rules()) {
            RuleEntry old = was.get(r.ruleId());
            if (old != null && !Objects.equals(old, r)) {
                changed.add(new RuleChange(r.ruleId(), old, r));
            }
        }
        List<String> orderBefore = before.rules().stream().map(RuleEntry::ruleId).filter(is::containsKey).toList();
        List<String> orderAfter = after.rules().stream().map(RuleEntry::ruleId).filter(was::containsKey).toList();
        boolean routingChanged = !Objects.equals(before.routing(), after.routing());
        GlobalListsView a = before.globalLists();
        GlobalListsView b = after.globalLists();
        return new ConfigurationDiff(from, to, added, removed, changed, !orderBefore.equals(orderAfter),
                minus(b.entries(GlobalListKind.ALLOW), a.entries(GlobalListKind.ALLOW)),
                minus(a.entries(GlobalListKind.ALLOW), b.entries(GlobalListKind.ALLOW)),
                minus(b.entries(GlobalListKind.DENY), a.entries(GlobalListKind.DENY)),
                minus(a.entries(GlobalListKind.DENY), b.entries(GlobalListKind.DENY)),
                a.denyAction() != b.denyAction(), routingChanged,
                routingChanged ? before.routing() : null, routingChanged ? after.routing() : null,
                AREAS.keySet().stream().filter(area -> !Objects.equals(before.settings().get(area), after.settings().get(area)))
                        .map(area -> new SettingsAreaChange(area, before.settings().get(area), after.settings().get(area)))
                        .toList());
    }

    private void replay(String aggregateId, Instant at, Consumer<DomainEventMessage<?>> apply) {
        DomainEventStream stream = eventStore.readEvents(aggregateId, 0L);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getTimestamp().isAfter(at)) {
                break; // a stream is in sequence order, and its events are appended in time order
            }
            apply.accept(event);
        }
    }

    private static Map<String, RuleEntry> byId(List<RuleEntry> rules) {
        Map<String, RuleEntry> map = new LinkedHashMap<>();
        rules.forEach(r -> map.put(r.ruleId(), r));
        return map;
    }

    private static List<GlobalListEntry> minus(List<GlobalListEntry> a, List<GlobalListEntry> b) {
        return a.stream().filter(e -> !b.contains(e)).toList();
    }
}
