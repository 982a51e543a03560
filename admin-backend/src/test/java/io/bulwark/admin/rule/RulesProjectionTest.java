package io.bulwark.admin.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.events.query.rule.FindGlobalListsQuery;
import io.bulwark.events.query.rule.FindRuleQuery;
import io.bulwark.events.query.rule.FindRulesQuery;
import io.bulwark.events.query.rule.RuleView;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.AddGlobalListEntryCommand;
import io.bulwark.events.rule.CopyRuleCommand;
import io.bulwark.events.rule.CreateRuleCommand;
import io.bulwark.events.rule.DeleteRuleCommand;
import io.bulwark.events.rule.DisableRuleCommand;
import io.bulwark.events.rule.EditRuleCommand;
import io.bulwark.events.rule.EnableRuleCommand;
import io.bulwark.events.rule.GlobalListEntry;
import io.bulwark.events.rule.GlobalListEntryAddedEvent;
import io.bulwark.events.rule.GlobalListEntryType;
import io.bulwark.events.rule.GlobalListKind;
import io.bulwark.events.rule.GlobalListsProjection;
import io.bulwark.events.rule.GlobalListsView;
import io.bulwark.events.rule.MoveRuleCommand;
import io.bulwark.events.rule.RemoveGlobalListEntryCommand;
import io.bulwark.events.rule.RuleCreatedEvent;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleListProjection;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.RuleSetIds;
import io.bulwark.events.rule.RuleSetInitializedEvent;
import io.bulwark.events.rule.SetDenyListActionCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules read model behind a real tracking processor, fed by the real aggregates: it answers
 * with the writer's own change, matches the pure folds, and a rebuild from zero (token reset) gives
 * an identical model.
 */
class RulesProjectionTest {

    private final RulesProjection projection = new RulesProjection();
    private Configuration axon;

    @BeforeEach
    void setUp() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(AggregateConfigurer.defaultConfiguration(RuleSet.class)
                        .configureCommandTargetResolver(c -> new AggregateCommandTargetResolver()))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(GlobalLists.class)
                        .configureCommandTargetResolver(c -> new AggregateCommandTargetResolver()))
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor(RulesProjection.PROCESSING_GROUP)
                        .registerEventHandler(c -> projection))
                .registerQueryHandler(c -> projection)
                .buildConfiguration();
        axon.start();
    }

    @AfterEach
    void tearDown() {
        axon.shutdown();
    }

    private void send(Object command) {
        axon.commandGateway().sendAndWait(command, 10, TimeUnit.SECONDS);
    }

    private long version(String aggregateId) {
        return axon.eventStore().lastSequenceNumberFor(aggregateId).orElse(-1L);
    }

    private List<RuleView> rules(long minVersion) {
        return axon.queryGateway().query(new FindRulesQuery(minVersion),
                ResponseTypes.multipleInstancesOf(RuleView.class)).join();
    }

    private GlobalListsView lists(long minVersion) {
        return axon.queryGateway().query(new FindGlobalListsQuery(minVersion), GlobalListsView.class).join();
    }

    private RuleView rule(String name) {
        return axon.queryGateway().query(new FindRuleQuery(name), ResponseTypes.optionalInstanceOf(RuleView.class))
                .join().orElse(null);
    }

    /** Every kind of rule and list event, from real commands. */
    private void recordedHistory() {
        send(new CreateRuleCommand("r1", RuleSetTest.rule("Partners"), "alice"));
        send(new CreateRuleCommand("r2", RuleSetTest.rule("Suppliers"), "alice"));
        send(new CopyRuleCommand("r1", "r3", "Partners copy", "bob"));
        send(new EditRuleCommand("r3", RuleSetTest.rule("Partners copy").withMode(RuleMode.SKIP_WITHOUT_SCANNING)
                .withEnabled(false), "bob"));
        send(new EnableRuleCommand("r3", "bob"));
        send(new DisableRuleCommand("r2", "alice"));
        send(new MoveRuleCommand("r3", 3, "alice"));
        send(new DeleteRuleCommand(RulePresets.ALLOW_LIST_ID, "alice"));
        GlobalListEntry partner = new GlobalListEntry(GlobalListEntryType.ADDRESS, "*@partner.example");
        send(new AddGlobalListEntryCommand(GlobalListKind.ALLOW, partner, "alice"));
        send(new AddGlobalListEntryCommand(GlobalListKind.ALLOW,
                new GlobalListEntry(GlobalListEntryType.IP_NETWORK, "198.51.100.0/24"), "alice"));
        send(new AddGlobalListEntryCommand(GlobalListKind.DENY,
                new GlobalListEntry(GlobalListEntryType.ADDRESS, "spam.example"), "alice"));
        send(new RemoveGlobalListEntryCommand(GlobalListKind.ALLOW, partner, "bob"));
        send(new SetDenyListActionCommand(Action.DELETE_MESSAGE, "bob"));
    }

    private List<Object> storedPayloads(String aggregateId) {
        return axon.eventStore().readEvents(aggregateId).asStream().map(EventMessage::getPayload)
                .map(Object.class::cast).toList();
    }

    @Test
    void answersWithTheWritersOwnChangeInTheAggregatesOrder() {
        recordedHistory();
        List<RuleView> rules = rules(version(RuleSetIds.RULES));

        assertThat(rules).extracting(RuleView::ruleId).containsExactly("r2", "r1", "r3", "deny-list", "default");
        assertThat(rules).extracting(RuleView::position).containsExactly(0, 1, 2, 3, 4);
        assertThat(rules).extracting(RuleView::enabled).containsExactly(false, true, true, false, true);
        assertThat(rules.get(2).definition().mode()).isEqualTo(RuleMode.SKIP_WITHOUT_SCANNING);

        RuleListProjection fold = new RuleListProjection();
        storedPayloads(RuleSetIds.RULES).forEach(fold::apply);
        List<RuleEntry> folded = fold.rules();
        assertThat(rules).extracting(r -> new RuleEntry(r.ruleId(), r.kind(), r.definition()))
                .containsExactlyElementsOf(folded);

        GlobalListsProjection lists = new GlobalListsProjection();
        storedPayloads(RuleSetIds.GLOBAL_LISTS).forEach(lists::apply);
        assertThat(lists(version(RuleSetIds.GLOBAL_LISTS))).isEqualTo(lists.view());
        assertThat(lists.view().denyAction()).isEqualTo(Action.DELETE_MESSAGE);
        assertThat(lists.view().allow()).extracting(GlobalListEntry::value).containsExactly("198.51.100.0/24");
    }

    @Test
    void rebuildingFromZeroGivesAnIdenticalModel() {
        recordedHistory();
        long rulesVersion = version(RuleSetIds.RULES);
        long listsVersion = version(RuleSetIds.GLOBAL_LISTS);
        List<RuleView> rules = rules(rulesVersion);
        GlobalListsView lists = lists(listsVersion);

        TrackingEventProcessor processor = axon.eventProcessingConfiguration()
                .eventProcessor(RulesProjection.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        // The reset handler ran: back to the presets, before any event.
        assertThat(rules(-1)).extracting(RuleView::ruleId)
                .containsExactly(RulePresets.ALLOW_LIST_ID, RulePresets.DENY_LIST_ID, RulePresets.DEFAULT_ID);
        assertThat(lists(-1)).isEqualTo(GlobalListsView.empty());
        processor.start();

        // Asking for the last version waits for the replay to reach it.
        assertThat(rules(rulesVersion)).isEqualTo(rules);
        assertThat(lists(listsVersion)).isEqualTo(lists);
    }

    @Test
    void findsOneRuleByNameIgnoringCaseOrById() {
        recordedHistory();
        rules(version(RuleSetIds.RULES));
        assertThat(rule(" partners COPY ")).extracting(RuleView::ruleId, RuleView::position).containsExactly("r3", 2);
        assertThat(rule("r2")).extracting(RuleView::name).isEqualTo("Suppliers");
        assertThat(rule("Default").kind()).isEqualTo(io.bulwark.events.rule.RuleKind.DEFAULT);
        assertThat(rule("nobody")).isNull();
        assertThat(rule(" ")).isNull();
    }

    @Test
    void anEventDeliveredTwiceIsAppliedOnce() {
        Instant at = Instant.parse("2026-11-20T08:00:00Z");
        projection.on(new RuleSetInitializedEvent(RulePresets.initialRules(), "alice", at), 0L);
        RuleCreatedEvent created = new RuleCreatedEvent("r1", RuleSetTest.rule("Partners"), 0, "alice", at);
        projection.on(created, 1L);
        projection.on(created, 1L);
        GlobalListEntryAddedEvent added = new GlobalListEntryAddedEvent(GlobalListKind.DENY,
                new GlobalListEntry(GlobalListEntryType.ADDRESS, "spam.example"), "alice", at);
        projection.on(added, 0L);
        projection.on(added, 0L);

        List<String> ids = new ArrayList<>();
        projection.find(FindRulesQuery.current()).forEach(r -> ids.add(r.ruleId()));
        assertThat(ids).containsExactly("r1", RulePresets.ALLOW_LIST_ID, RulePresets.DENY_LIST_ID, RulePresets.DEFAULT_ID);
        assertThat(projection.find(FindGlobalListsQuery.current()).deny()).hasSize(1);
    }
}
