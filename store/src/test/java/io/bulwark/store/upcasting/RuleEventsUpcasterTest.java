package io.bulwark.store.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.rule.RuleCopiedEvent;
import io.bulwark.events.rule.RuleCreatedEvent;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEditedEvent;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleSetInitializedEvent;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.store.serialization.StoreSerializers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEventsUpcasterTest {

    private final RuleEventsUpcaster upcaster = new RuleEventsUpcaster();

    @Test
    void recordedRevisionOneEventsReplayToTheActionsAndOptionsTheyHadWhenRecorded() {
        JsonNode replayed = RecordedRuleEvents.meaning(RecordedRuleEvents.replay(RecordedRuleEvents.read(upcaster)), false);

        assertThat(replayed).isEqualTo(RecordedRuleEvents.recordedMeaning());
    }

    @Test
    void upcastEventsKeepTheirMeaningWhenTheFactoryDefaultsChange() {
        JsonNode withOtherDefaults = RecordedRuleEvents.meaning(
                RecordedRuleEvents.replay(RecordedRuleEvents.read(upcaster)), true);

        assertThat(withOtherDefaults).isEqualTo(RecordedRuleEvents.recordedMeaning());
    }

    @Test
    void revisionOneEventsReadWithoutTheUpcasterFollowChangedDefaults() {
        // The control for the test above: the sparse revision-1 events do depend on the defaults.
        JsonNode withOtherDefaults = RecordedRuleEvents.meaning(
                RecordedRuleEvents.replay(RecordedRuleEvents.read(null)), true);

        assertThat(withOtherDefaults).isNotEqualTo(RecordedRuleEvents.recordedMeaning());
    }

    @Test
    void everyUpcastDefinitionNamesEveryModuleStatusAndOptionExplicitly() {
        List<RuleDefinition> definitions = new ArrayList<>();
        for (Object event : RecordedRuleEvents.read(upcaster)) {
            switch (event) {
                case RuleSetInitializedEvent e -> e.rules().stream().map(RuleEntry::definition).forEach(definitions::add);
                case RuleCreatedEvent e -> definitions.add(e.definition());
                case RuleEditedEvent e -> definitions.add(e.definition());
                case RuleCopiedEvent e -> definitions.add(e.definition());
                default -> { }
            }
        }

        assertThat(definitions).hasSize(8);
        for (RuleDefinition definition : definitions) {
            assertThat(definition.modules().keySet()).map(Enum::name)
                    .containsExactlyInAnyOrderElementsOf(RuleEventsUpcaster.FROZEN_ACTIONS.keySet());
            definition.modules().forEach((module, section) -> {
                assertThat(section.actions().keySet()).map(Enum::name)
                        .containsAll(RuleEventsUpcaster.FROZEN_ACTIONS.get(module.name()).keySet());
                assertThat(section.options().keySet())
                        .containsAll(RuleEventsUpcaster.FROZEN_OPTIONS.get(module.name()).keySet());
            });
        }
    }

    @Test
    void storedEntriesAreKeptAndMissingOnesGetTheFrozenDefaults() {
        Map<String, Object> read = byRuleId(RecordedRuleEvents.read(upcaster));
        RuleDefinition sales = ((RuleCreatedEvent) read.get("created:sales")).definition();

        ModuleSettings antiVirus = sales.modules().get(ProtectionModule.ANTI_VIRUS);
        assertThat(antiVirus.actions().get(ScanStatus.INFECTED).subjectTag()).isEqualTo("[Virus]");
        assertThat(antiVirus.actions().get(ScanStatus.PROBABLY_INFECTED).subjectTag()).isEqualTo("[Probably infected]");
        assertThat(sales.modules().get(ProtectionModule.ANTI_SPAM).options())
                .containsEntry("spam-threshold", "80").containsEntry("probable-spam-threshold", "40")
                .containsEntry("temporary-failure", "defer");
        ModuleSettings missing = sales.modules().get(ProtectionModule.EXTERNAL_SANDBOX);
        assertThat(missing.enabled()).isFalse();
        assertThat(missing.actions().get(ScanStatus.SANDBOX_DETECTED).subjectTag()).isEqualTo("[Sandbox detect]");
    }

    @Test
    void optionValuesAreWrittenAsRevisionOneActedOnThem() {
        Map<String, Object> read = byRuleId(RecordedRuleEvents.read(upcaster));
        RuleDefinition edited = ((RuleEditedEvent) read.get("edited:sales")).definition();

        assertThat(edited.modules().get(ProtectionModule.ANTI_SPAM).options())
                .containsEntry("temporary-failure", "accept") // stored as "ACCEPT"
                .containsEntry("spam-threshold", "70") // stored as "high", read as the default
                .containsEntry("probable-spam-threshold", "35");
        assertThat(edited.modules().get(ProtectionModule.ANTI_PHISHING).options())
                .containsEntry("temporary-failure", "defer"); // stored as "later"
    }

    @Test
    void theStoredTreeIsNotChanged() {
        JsonNode created = RecordedRuleEvents.stored().get(1);
        JsonNode before = created.deepCopy();

        JsonNode after = RuleEventsUpcaster.upcast(created.get("payloadType").asText(), created.get("payload"));

        assertThat(created).isEqualTo(before);
        assertThat(after).isNotEqualTo(created.get("payload"));
    }

    @Test
    void otherTypesAndRevisionTwoEventsPassUnchanged() {
        ObjectNode payload = StoreSerializers.objectMapper().createObjectNode().put("ruleId", "x");
        List<JsonNode> stored = List.of(
                stored("io.bulwark.events.rule.RuleEnabledEvent", "1", payload),
                stored("io.bulwark.events.rule.RuleCreatedEvent", "2", payload));

        assertThat(UpcasterHarness.upcast(upcaster, stored)).containsExactlyElementsOf(stored);
    }

    private static JsonNode stored(String type, String revision, JsonNode payload) {
        ObjectNode node = StoreSerializers.objectMapper().createObjectNode();
        node.put("payloadType", type).put("payloadRevision", revision).set("payload", payload);
        return node;
    }

    private static Map<String, Object> byRuleId(List<Object> events) {
        Map<String, Object> m = new java.util.HashMap<>();
        for (Object e : events) {
            switch (e) {
                case RuleCreatedEvent c -> m.put("created:" + c.ruleId(), c);
                case RuleEditedEvent c -> m.put("edited:" + c.ruleId(), c);
                default -> { }
            }
        }
        return m;
    }
}
