package io.bulwark.gateway.policy.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.DenyListActionChangedEvent;
import io.bulwark.events.rule.GlobalListEntry;
import io.bulwark.events.rule.GlobalListEntryAddedEvent;
import io.bulwark.events.rule.GlobalListEntryType;
import io.bulwark.events.rule.GlobalListKind;
import io.bulwark.events.rule.GlobalListsProjection;
import io.bulwark.events.rule.RecipientCriteria;
import io.bulwark.events.rule.RuleCreatedEvent;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleDisabledEvent;
import io.bulwark.events.rule.RuleListProjection;
import io.bulwark.events.rule.RuleMovedEvent;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.RuleSetIds;
import io.bulwark.events.rule.RuleSetInitializedEvent;
import io.bulwark.events.rule.SenderCriteria;
import io.bulwark.gateway.policy.GatewayPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's policy processor on a real Axon configuration (in-memory storage engine): loaded
 * from the aggregate streams before it is ready, then following changes; a replay gives the same
 * rule list as the pure fold.
 */
class PolicyTrackingTest {
    private final List<Configuration> started = new ArrayList<>();
    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final List<Object> ruleEvents = new ArrayList<>();
    private final List<Object> listEvents = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Configuration::shutdown);
    }

    private GatewayPolicy startGateway() {
        GatewayPolicy policy = new GatewayPolicy();
        AtomicReference<EventStore> store = new AtomicReference<>();
        PolicyEventHandler handler = new PolicyEventHandler(policy, store::get);
        Configuration configuration = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> storage)
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor(PolicyEventHandler.PROCESSING_GROUP, c -> c.eventStore(),
                                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                        .andInitialTrackingToken(handler::startingPoint))
                        .registerTokenStore(PolicyEventHandler.PROCESSING_GROUP, c -> new InMemoryTokenStore())
                        .registerEventHandler(c -> handler))
                .buildConfiguration();
        store.set(configuration.eventStore());
        configuration.start();
        started.add(configuration);
        return policy;
    }

    private void rules(Object event) {
        publish(RuleSetIds.RULES, ruleEvents, event);
    }

    private void lists(Object event) {
        publish(RuleSetIds.GLOBAL_LISTS, listEvents, event);
    }

    private void publish(String aggregate, List<Object> stream, Object event) {
        storage.appendEvents(new GenericDomainEventMessage<>("Config", aggregate, stream.size(), event));
        stream.add(event);
    }

    private static RuleDefinition rule(String name) {
        return RuleDefinition.withDefaults(name, SenderCriteria.anyone(),
                new RecipientCriteria(List.of(name.toLowerCase() + "@corp.example")));
    }

    @Test
    void loadsTheHistoryBeforeItIsReadyThenFollowsChanges() {
        rules(new RuleSetInitializedEvent(RulePresets.initialRules(), "admin", Instant.now()));
        rules(new RuleCreatedEvent("r1", rule("Sales"), 0, "admin", Instant.now()));
        lists(new GlobalListEntryAddedEvent(GlobalListKind.DENY,
                new GlobalListEntry(GlobalListEntryType.ADDRESS, "*@spam.example"), "admin", Instant.now()));
        // other events in the stream are not the policy's business
        storage.appendEvents(GenericEventMessage.asEventMessage("unrelated"));

        GatewayPolicy policy = startGateway();
        assertThat(policy.awaitReady(Duration.ofSeconds(10))).isTrue();
        assertThat(policy.snapshot().rules()).extracting(r -> r.name())
                .containsExactly("Sales", "AllowList", "DenyList", "Default");
        assertThat(policy.listsVersion()).isZero();

        rules(new RuleCreatedEvent("r2", rule("Legal"), 0, "admin", Instant.now()));
        rules(new RuleDisabledEvent("r1", "admin", Instant.now()));
        lists(new DenyListActionChangedEvent(Action.DELETE_MESSAGE, "admin", Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> policy.rulesVersion() == 3 && policy.listsVersion() == 1);
        assertThat(policy.snapshot().rules()).extracting(r -> r.name() + ":" + r.definition().enabled())
                .containsExactly("Legal:true", "Sales:false", "AllowList:false", "DenyList:false", "Default:true");
    }

    @Test
    void replayingTheRuleEventsRebuildsTheSameRuleList() {
        rules(new RuleSetInitializedEvent(RulePresets.initialRules(), "admin", Instant.now()));
        for (int i = 0; i < 5; i++) {
            rules(new RuleCreatedEvent("r" + i, rule("Rule" + i), i % 2, "admin", Instant.now()));
        }
        rules(new RuleMovedEvent("r0", 0, 4, "admin", Instant.now()));
        lists(new GlobalListEntryAddedEvent(GlobalListKind.ALLOW,
                new GlobalListEntry(GlobalListEntryType.IP_NETWORK, "192.0.2.0/24"), "admin", Instant.now()));

        GatewayPolicy first = startGateway();
        assertThat(first.awaitReady(Duration.ofSeconds(10))).isTrue();
        GatewayPolicy second = startGateway();
        assertThat(second.awaitReady(Duration.ofSeconds(10))).isTrue();

        RuleListProjection fold = new RuleListProjection();
        ruleEvents.forEach(fold::apply);
        GlobalListsProjection lists = new GlobalListsProjection();
        listEvents.forEach(lists::apply);
        assertThat(first.snapshot().rules()).isEqualTo(fold.rules()).isEqualTo(second.snapshot().rules());
        assertThat(first.snapshot().lists().match(new io.bulwark.scan.message.Envelope("a@b.example", List.of(),
                "192.0.2.7", "h")).allowListed()).isTrue();
    }

    @Test
    void aDuplicateIsIgnoredAndAGapIsFilledFromTheAggregateStream() {
        GatewayPolicy policy = new GatewayPolicy();
        RuleCreatedEvent created = new RuleCreatedEvent("r1", rule("Sales"), 0, "admin", Instant.now());
        assertThat(policy.apply(created, 0)).isEqualTo(GatewayPolicy.Applied.APPLIED);
        assertThat(policy.apply(created, 0)).isEqualTo(GatewayPolicy.Applied.DUPLICATE);
        assertThat(policy.apply(new RuleDisabledEvent("r1", "admin", Instant.now()), 2))
                .isEqualTo(GatewayPolicy.Applied.GAP);
        assertThat(policy.rulesVersion()).isZero();
        assertThat(policy.apply("not a rule event", 7)).isEqualTo(GatewayPolicy.Applied.IGNORED);

        // the processor: an event whose predecessor it never saw makes it re-read the stream
        rules(new RuleSetInitializedEvent(RulePresets.initialRules(), "admin", Instant.now()));
        rules(new RuleCreatedEvent("r1", rule("Sales"), 0, "admin", Instant.now()));
        rules(new RuleDisabledEvent("r1", "admin", Instant.now()));
        GatewayPolicy tracked = new GatewayPolicy();
        AtomicReference<EventStore> store = new AtomicReference<>();
        Configuration configuration = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> storage).buildConfiguration();
        started.add(configuration);
        store.set(configuration.eventStore());
        PolicyEventHandler handler = new PolicyEventHandler(tracked, store::get);
        handler.on(new RuleDisabledEvent("r1", "admin", Instant.now()), 2L);
        assertThat(tracked.rulesVersion()).isEqualTo(2);
        assertThat(tracked.snapshot().rules().getFirst().definition().enabled()).isFalse();
    }

    @Test
    void givenCustomDnsListEventsWhenANodeStartsThenItLoadsThemAndFollowsChangesAndGaps() {
        List<Object> dnsEvents = new ArrayList<>();
        io.bulwark.events.dnslist.DnsListDefinition rbl = new io.bulwark.events.dnslist.DnsListDefinition("RBL_A",
                io.bulwark.events.dnslist.DnsListKind.DNSBL, "a.bl.example", java.util.Map.of(), 30, true, false, true);
        publish(io.bulwark.events.dnslist.DnsListIds.AGGREGATE, dnsEvents,
                new io.bulwark.events.dnslist.DnsListsSeededEvent(List.of(rbl), "properties", "configuration",
                        Instant.now()));

        GatewayPolicy policy = startGateway();
        List<List<String>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        policy.onDnsLists(view -> seen.add(view.lists().stream().map(l -> l.symbol()).toList()));
        assertThat(policy.awaitReady(Duration.ofSeconds(10))).isTrue();
        assertThat(policy.dnsLists().configured()).isTrue();
        assertThat(seen).containsExactly(List.of("RBL_A"));

        publish(io.bulwark.events.dnslist.DnsListIds.AGGREGATE, dnsEvents,
                new io.bulwark.events.dnslist.DnsListAddedEvent(new io.bulwark.events.dnslist.DnsListDefinition(
                        "URIBL_B", io.bulwark.events.dnslist.DnsListKind.URIBL, "b.uri.example", java.util.Map.of(), 40,
                        false, false, true), "admin", Instant.now()));
        publish(io.bulwark.events.dnslist.DnsListIds.AGGREGATE, dnsEvents,
                new io.bulwark.events.dnslist.DnsListRemovedEvent(rbl, "admin", Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> policy.dnsListsVersion() == 2);
        assertThat(seen.getLast()).containsExactly("URIBL_B");

        GatewayPolicy fresh = new GatewayPolicy();
        assertThat(fresh.dnsLists().configured()).isFalse();
        assertThat(fresh.apply(new io.bulwark.events.dnslist.DnsListRemovedEvent(rbl, "admin", Instant.now()), 2))
                .isEqualTo(GatewayPolicy.Applied.GAP);
    }

    @Test
    void givenSettingsAreaChangesWhenANodeStartsThenItLoadsEachAreaAndFollowsChangesAndGaps() {
        List<Object> mtaEvents = new ArrayList<>();
        List<Object> dnsEvents = new ArrayList<>();
        io.bulwark.events.settings.MtaSettings start = new io.bulwark.events.settings.MtaSettings(10_240_000, 1000,
                100, 10, 300, 300, null);
        io.bulwark.events.settings.MtaSettings small = new io.bulwark.events.settings.MtaSettings(2048, 1000, 100, 10,
                300, 300, null);
        publish(io.bulwark.events.settings.SettingsIds.MTA, mtaEvents,
                new io.bulwark.events.settings.MtaSettingsChangedEvent(start, small, "admin", Instant.now()));
        io.bulwark.events.settings.DnsServerSettings dns = new io.bulwark.events.settings.DnsServerSettings(
                List.of("192.0.2.53"), 2000);
        publish(io.bulwark.events.settings.SettingsIds.DNS, dnsEvents,
                new io.bulwark.events.settings.DnsServerSettingsChangedEvent(
                        new io.bulwark.events.settings.DnsServerSettings(List.of(), 10_000), dns, "admin", Instant.now()));

        GatewayPolicy policy = startGateway();
        assertThat(policy.awaitReady(Duration.ofSeconds(10))).isTrue();
        assertThat(policy.recorded(io.bulwark.events.settings.SettingsIds.MTA,
                io.bulwark.events.settings.MtaSettings.class)).isEqualTo(small);
        assertThat(policy.recorded(io.bulwark.events.settings.SettingsIds.DNS,
                io.bulwark.events.settings.DnsServerSettings.class)).isEqualTo(dns);
        assertThat(policy.recorded(io.bulwark.events.settings.SettingsIds.MODULES,
                io.bulwark.events.settings.ModuleSwitches.class)).isNull();

        io.bulwark.events.settings.MtaSettings larger = new io.bulwark.events.settings.MtaSettings(50_000_000, 1000,
                100, 10, 300, 300, null);
        publish(io.bulwark.events.settings.SettingsIds.MTA, mtaEvents,
                new io.bulwark.events.settings.MtaSettingsChangedEvent(small, larger, "admin", Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> policy.areaVersion(
                io.bulwark.events.settings.SettingsIds.MTA) == 1);
        assertThat(policy.recorded(io.bulwark.events.settings.SettingsIds.MTA,
                io.bulwark.events.settings.MtaSettings.class)).isEqualTo(larger);

        GatewayPolicy fresh = new GatewayPolicy();
        assertThat(fresh.apply(mtaEvents.get(1), 1)).isEqualTo(GatewayPolicy.Applied.GAP);
        assertThat(fresh.apply(mtaEvents.get(0), 0)).isEqualTo(GatewayPolicy.Applied.APPLIED);
        assertThat(fresh.apply(mtaEvents.get(0), 0)).isEqualTo(GatewayPolicy.Applied.DUPLICATE);
        fresh.reset();
        assertThat(fresh.areaVersion(io.bulwark.events.settings.SettingsIds.MTA)).isEqualTo(-1);
    }
}
