package io.bulwark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the benchmark's Default rule becomes, setting by setting. */
class SameOutcomeRulesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a Reject becomes Skip, its tag and Backup flag kept | {"ANTI_PHISHING":{"enabled":true,"actions":{"PHISHING":{"action":"REJECT","backupCopy":true,"subjectTag":"[Phishing]"}}}} | {"ANTI_PHISHING":{"enabled":true,"actions":{"PHISHING":{"action":"SKIP","backupCopy":true,"subjectTag":"[Phishing]"}}}} | 1
            Delete message becomes Skip | {"EXTERNAL_SANDBOX":{"enabled":false,"actions":{"SANDBOX_DETECTED":{"action":"DELETE_MESSAGE","backupCopy":true,"subjectTag":""}}}} | {"EXTERNAL_SANDBOX":{"enabled":false,"actions":{"SANDBOX_DETECTED":{"action":"SKIP","backupCopy":true,"subjectTag":""}}}} | 1
            Delete attachment and Skip stay | {"ANTI_VIRUS":{"enabled":true,"actions":{"INFECTED":{"action":"DELETE_ATTACHMENT"},"CLEAN":{"action":"SKIP"}}}} | {"ANTI_VIRUS":{"enabled":true,"actions":{"INFECTED":{"action":"DELETE_ATTACHMENT"},"CLEAN":{"action":"SKIP"}}}} | 0
            DMARC follows the rule and its Reject becomes Skip | {"SENDER_AUTHENTICATION":{"enabled":true,"actions":{"DMARC_FAIL":{"action":"REJECT"}},"options":{"dmarc-action":"apply-policy","spf-softfail-violation":"false"}}} | {"SENDER_AUTHENTICATION":{"enabled":true,"actions":{"DMARC_FAIL":{"action":"SKIP"}},"options":{"dmarc-action":"rule","spf-softfail-violation":"false"}}} | 2
            a sender authentication section without options gets the one option | {"SENDER_AUTHENTICATION":{"enabled":true,"actions":{}}} | {"SENDER_AUTHENTICATION":{"enabled":true,"actions":{},"options":{"dmarc-action":"rule"}}} | 1
            already set as wanted: nothing changes | {"SENDER_AUTHENTICATION":{"enabled":true,"actions":{},"options":{"dmarc-action":"rule"}}} | {"SENDER_AUTHENTICATION":{"enabled":true,"actions":{},"options":{"dmarc-action":"rule"}}} | 0
            several modules at once | {"ANTI_PHISHING":{"actions":{"PHISHING":{"action":"REJECT"},"MALICIOUS_LINK":{"action":"REJECT"}}},"CONTENT_FILTERING":{"actions":{"FORBIDDEN_SIZE":{"action":"REJECT"}}}} | {"ANTI_PHISHING":{"actions":{"PHISHING":{"action":"SKIP"},"MALICIOUS_LINK":{"action":"SKIP"}}},"CONTENT_FILTERING":{"actions":{"FORBIDDEN_SIZE":{"action":"SKIP"}}}} | 3
            """)
    void everyStatusThatStopsTheMessageIsDeliveredInstead(String name, String modules, String expected, int changes)
            throws Exception {
        ObjectNode definition = (ObjectNode) MAPPER.readTree(
                "{\"name\":\"Default\",\"mode\":\"SCAN\",\"modules\":" + modules + "}");

        int changed = SameOutcomeRules.deliverEverything(definition);

        assertEquals(MAPPER.readTree(expected), definition.get("modules"));
        assertEquals("Default", definition.get("name").asText(), "the rest of the rule is kept");
        assertEquals(changes, changed);
    }
}
