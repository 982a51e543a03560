package io.bulwark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the benchmark's Default rule becomes, setting by setting. */
class SameOutcomeRulesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** What every module section gains: a module that cannot judge delivers. */
    private static final String ACCEPT = "\"options\":{\"temporary-failure\":\"accept\"}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a Reject becomes Skip, tag and Backup kept \
                | {"ANTI_PHISHING":{"actions":{"PHISHING":{"action":"REJECT","backupCopy":true,"subjectTag":"[P]"}}}} \
                | {"ANTI_PHISHING":{"actions":{"PHISHING":{"action":"SKIP","backupCopy":true,"subjectTag":"[P]"}},ACCEPT}} \
                | 2
            Delete message becomes Skip \
                | {"EXTERNAL_SANDBOX":{"actions":{"SANDBOX_DETECTED":{"action":"DELETE_MESSAGE"}}}} \
                | {"EXTERNAL_SANDBOX":{"actions":{"SANDBOX_DETECTED":{"action":"SKIP"}},ACCEPT}} \
                | 2
            Delete attachment and Skip stay \
                | {"ANTI_VIRUS":{"actions":{"INFECTED":{"action":"DELETE_ATTACHMENT"},"CLEAN":{"action":"SKIP"}}}} \
                | {"ANTI_VIRUS":{"actions":{"INFECTED":{"action":"DELETE_ATTACHMENT"},"CLEAN":{"action":"SKIP"}},ACCEPT}} \
                | 1
            a module that defers on a failure accepts instead \
                | {"ANTI_SPAM":{"actions":{},"options":{"temporary-failure":"defer","spam-threshold":"70"}}} \
                | {"ANTI_SPAM":{"actions":{},"options":{"temporary-failure":"accept","spam-threshold":"70"}}} \
                | 1
            DMARC follows the rule, delivered with a Backup copy \
                | {"SENDER_AUTHENTICATION":{"actions":{"DMARC_FAIL":{"action":"REJECT","backupCopy":false}}, \
                   "options":{"dmarc-action":"apply-policy","temporary-failure":"accept"}}} \
                | {"SENDER_AUTHENTICATION":{"actions":{"DMARC_FAIL":{"action":"SKIP","backupCopy":true}}, \
                   "options":{"dmarc-action":"rule","temporary-failure":"accept"}}} \
                | 3
            a section without options gets them \
                | {"SENDER_AUTHENTICATION":{"actions":{}}} \
                | {"SENDER_AUTHENTICATION":{"actions":{},"options":{"temporary-failure":"accept","dmarc-action":"rule"}}} \
                | 2
            already set as wanted: nothing changes \
                | {"SENDER_AUTHENTICATION":{"actions":{"DMARC_FAIL":{"action":"SKIP","backupCopy":true}}, \
                   "options":{"dmarc-action":"rule","temporary-failure":"accept"}}} \
                | {"SENDER_AUTHENTICATION":{"actions":{"DMARC_FAIL":{"action":"SKIP","backupCopy":true}}, \
                   "options":{"dmarc-action":"rule","temporary-failure":"accept"}}} \
                | 0
            several modules at once \
                | {"ANTI_PHISHING":{"actions":{"PHISHING":{"action":"REJECT"},"MALICIOUS_LINK":{"action":"REJECT"}}}, \
                   "CONTENT_FILTERING":{"actions":{"FORBIDDEN_SIZE":{"action":"REJECT"}}}} \
                | {"ANTI_PHISHING":{"actions":{"PHISHING":{"action":"SKIP"},"MALICIOUS_LINK":{"action":"SKIP"}},ACCEPT}, \
                   "CONTENT_FILTERING":{"actions":{"FORBIDDEN_SIZE":{"action":"SKIP"}},ACCEPT}} \
                | 5
            """)
    void everyStatusThatStopsTheMessageIsDeliveredInstead(String name, String modules, String expected, int changes)
            throws Exception {
        ObjectNode definition = (ObjectNode) MAPPER.readTree(
                "{\"name\":\"Default\",\"mode\":\"SCAN\",\"modules\":" + modules + "}");

        int changed = SameOutcomeRules.deliverEverything(definition);

        assertEquals(MAPPER.readTree(expected.replace("ACCEPT", ACCEPT)), definition.get("modules"));
        assertEquals("Default", definition.get("name").asText(), "the rest of the rule is kept");
        assertEquals(changes, changed);
    }

    @Test
    void aRuleThatDoesNotScanIsMadeToScan() throws Exception {
        ObjectNode definition = (ObjectNode) MAPPER.readTree(
                "{\"name\":\"Default\",\"mode\":\"REJECT_WITHOUT_SCANNING\",\"modules\":{}}");

        assertEquals(1, SameOutcomeRules.deliverEverything(definition));
        assertEquals("SCAN", definition.get("mode").asText());
    }

    /**
     * The factory Default rule as Jackson writes it (records, enum names, as the REST API serves
     * it): afterwards no status refuses or drops a message, every module delivers when it cannot
     * judge, DMARC follows the rule with a Backup copy, and the result is still a valid definition.
     */
    @Test
    void theFactoryDefaultRuleDeliversEverythingAfterwards() throws Exception {
        RuleDefinition factory = RulePresets.initialRules().stream().filter(r -> r.kind() == RuleKind.DEFAULT)
                .map(RuleEntry::definition).findFirst().orElseThrow();
        ObjectNode json = MAPPER.valueToTree(factory);

        int changed = SameOutcomeRules.deliverEverything(json);
        RuleDefinition after = MAPPER.treeToValue(json, RuleDefinition.class);

        assertTrue(changed >= 7, "the Reject and Delete message actions and the DMARC option: " + changed);
        assertEquals(RuleMode.SCAN, after.mode());
        assertEquals(factory.modules().keySet(), after.modules().keySet());
        for (Map.Entry<ProtectionModule, ModuleSettings> module : after.modules().entrySet()) {
            ModuleSettings settings = module.getValue();
            assertEquals(factory.module(module.getKey()).enabled(), settings.enabled(),
                    "kept on or off: " + module.getKey());
            settings.actions().forEach((status, reaction) -> assertFalse(
                    reaction.action() == Action.REJECT || reaction.action() == Action.DELETE_MESSAGE,
                    module.getKey() + " " + status + " still stops the message"));
            assertEquals("accept", settings.options().get(ModuleOption.TEMPORARY_FAILURE.key()),
                    module.getKey().name());
        }
        ModuleSettings auth = after.module(ProtectionModule.SENDER_AUTHENTICATION);
        assertEquals("rule", auth.options().get(ModuleOption.DMARC_ACTION.key()));
        assertTrue(auth.actions().get(ScanStatus.DMARC_FAIL).backupCopy());
        assertEquals(factory.module(ProtectionModule.ANTI_PHISHING).actions().get(ScanStatus.PHISHING).subjectTag(),
                after.module(ProtectionModule.ANTI_PHISHING).actions().get(ScanStatus.PHISHING).subjectTag(),
                "the tag is kept");
    }
}
