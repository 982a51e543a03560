package io.bulwark.admin.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static io.bulwark.admin.support.ApiCredentials.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.bulwark.admin.TestAdminApplication;
import io.bulwark.admin.account.AdminAccountsProjection;
import io.bulwark.events.admin.CreateAdminAccountCommand;
import io.bulwark.events.rule.AddGlobalListEntryCommand;
import io.bulwark.events.rule.CreateRuleCommand;
import io.bulwark.events.rule.GlobalListEntry;
import io.bulwark.events.rule.GlobalListEntryAddedEvent;
import io.bulwark.events.rule.GlobalListEntryType;
import io.bulwark.events.rule.GlobalListKind;
import io.bulwark.events.rule.RuleCreatedEvent;
import io.bulwark.events.rule.RuleSetIds;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The rule set and global lists aggregates in the Spring context, and the rules and lists REST API
 * over them: authentication, roles, validation errors and every write path. The application context
 * (and its in-memory store) is shared with the other Spring tests, so each test works on rules of
 * its own name and asserts relative to them.
 */
@SpringBootTest(classes = TestAdminApplication.class)
@AutoConfigureMockMvc
class RulesApiIntegrationTest {

    /** Low-cost hashes keep the per-request bcrypt check of HTTP Basic fast in tests. */
    private static final BCryptPasswordEncoder FAST = new BCryptPasswordEncoder(4);
    private static final String PASSWORD = "rules-test-password";
    private static final RequestPostProcessor ADMIN = httpBasic("rules-admin", PASSWORD);
    private static final RequestPostProcessor HELPDESK = httpBasic("rules-helpdesk", PASSWORD);
    private static final RequestPostProcessor AUDITOR = httpBasic("rules-auditor", PASSWORD);

    @Autowired
    MockMvc mvc;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    InMemoryEventStorageEngine storageEngine;
    @Autowired
    AdminAccountsProjection accounts;

    @BeforeEach
    void accounts() {
        for (String[] account : new String[][] {{"rules-admin", "ADMINISTRATOR"}, {"rules-helpdesk", "HELPDESK"},
                {"rules-auditor", "AUDITOR"}}) {
            if (accounts.find(account[0]).isEmpty()) {
                commandGateway.sendAndWait(new CreateAdminAccountCommand(account[0], account[1],
                        FAST.encode(PASSWORD), "admin"));
            }
        }
    }

    private static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String ruleJson(String name, String senders, String recipients) {
        return """
                {"name": "%s", "description": "test rule", "enabled": true, "mode": "SCAN",
                 "senders": {"addresses": [%s], "networks": ["192.0.2.0/24"]},
                 "recipients": {"addresses": [%s]},
                 "modules": {"ANTI_VIRUS": {"enabled": true, "actions": {
                     "INFECTED": {"action": "REJECT", "backupCopy": true, "subjectTag": "[Virus]"}}}}}
                """.formatted(name, senders, recipients);
    }

    private ResultActions perform(MockHttpServletRequestBuilder request, RequestPostProcessor user) throws Exception {
        return mvc.perform(request.with(user));
    }

    private ResultActions create(String name) throws Exception {
        return perform(post("/api/v1/rules").contentType(MediaType.APPLICATION_JSON)
                .content(ruleJson(name, "\"*@partner.example\"", "\"sales@corp.example\"")), ADMIN);
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private List<EventMessage<?>> events(String aggregateId) {
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(null, false)) {
            return events.filter(e -> e instanceof DomainEventMessage<?> d && d.getAggregateIdentifier().equals(aggregateId))
                    .<EventMessage<?>>map(e -> e).toList();
        }
    }

    // ---- aggregates in the Spring context

    @Test
    void bothAggregatesHandleCommandsSentThroughTheSpringCommandGateway() {
        String ruleId = UUID.randomUUID().toString();
        String name = unique("Gateway");
        commandGateway.sendAndWait(new CreateRuleCommand(ruleId, RuleSetTest.rule(name), "rules-admin"));
        GlobalListEntry entry = new GlobalListEntry(GlobalListEntryType.ADDRESS, "*@" + ruleId + ".example");
        commandGateway.sendAndWait(new AddGlobalListEntryCommand(GlobalListKind.DENY, entry, "rules-admin"));

        assertThat(events(RuleSetIds.RULES)).map(EventMessage::getPayload).anySatisfy(payload ->
                assertThat(payload).isInstanceOfSatisfying(RuleCreatedEvent.class, created -> {
                    assertThat(created.ruleId()).isEqualTo(ruleId);
                    assertThat(created.actor()).isEqualTo("rules-admin");
                }));
        assertThat(events(RuleSetIds.GLOBAL_LISTS)).map(EventMessage::getPayload).anySatisfy(payload ->
                assertThat(payload).isInstanceOfSatisfying(GlobalListEntryAddedEvent.class, added -> {
                    assertThat(added.entry()).isEqualTo(entry);
                    assertThat(added.actor()).isEqualTo("rules-admin");
                }));
    }

    // ---- authentication and roles

    @Test
    void refusesTheRulesApiWithoutCredentials() throws Exception {
        mvc.perform(get("/api/v1/rules")).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Basic realm=\"Bulwark\""));
        mvc.perform(get("/api/v1/lists")).andExpect(status().isUnauthorized());
        mvc.perform(json(post("/api/v1/rules"), ruleJson("x", "\"*\"", "\"*\""))).andExpect(status().isUnauthorized());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rules-helpdesk", "rules-auditor"})
    void helpdeskAndAuditorsReadButCannotChangeAnything(String user) throws Exception {
        RequestPostProcessor as = httpBasic(user, PASSWORD);
        perform(get("/api/v1/rules"), as).andExpect(status().isOk())
                .andExpect(jsonPath("$[-1:].definition.name").value(hasItem("Default")));
        perform(get("/api/v1/rules/default"), as).andExpect(status().isOk());
        perform(get("/api/v1/lists"), as).andExpect(status().isOk());

        perform(json(post("/api/v1/rules"), ruleJson("Sneaky", "\"*\"", "\"*\"")), as).andExpect(status().isForbidden());
        perform(json(put("/api/v1/rules/Default"), ruleJson("Default", "\"*\"", "\"*\"")), as)
                .andExpect(status().isForbidden());
        perform(post("/api/v1/rules/DenyList/enable"), as).andExpect(status().isForbidden());
        perform(delete("/api/v1/rules/DenyList"), as).andExpect(status().isForbidden());
        perform(json(post("/api/v1/lists/deny/entries"), "{\"type\":\"ADDRESS\",\"value\":\"x.example\"}"), as)
                .andExpect(status().isForbidden());
        perform(json(put("/api/v1/lists/deny/action"), "{\"action\":\"DELETE\"}"), as).andExpect(status().isForbidden());
    }

    // ---- rules: happy paths

    @Test
    void createsARuleAtTheTopWithTheUserAsActor() throws Exception {
        String name = unique("Partners");
        create(name).andExpect(status().isCreated())
                .andExpect(header().string("Location", endsWith("/api/v1/rules/" + name.replace(" ", "%20"))))
                .andExpect(jsonPath("$.position").value(0))
                .andExpect(jsonPath("$.kind").value("CUSTOM"))
                .andExpect(jsonPath("$.definition.name").value(name))
                .andExpect(jsonPath("$.definition.senders.networks[0]").value("192.0.2.0/24"))
                .andExpect(jsonPath("$.definition.modules.ANTI_VIRUS.actions.INFECTED.action").value("REJECT"))
                .andExpect(jsonPath("$.definition.modules.ANTI_VIRUS.actions.INFECTED.subjectTag").value("[Virus]"))
                // sections and statuses left out are stored at their factory values
                .andExpect(jsonPath("$.definition.modules.ANTI_VIRUS.actions.PROBABLY_INFECTED.action")
                        .value("DELETE_ATTACHMENT"))
                .andExpect(jsonPath("$.definition.modules.ANTI_SPAM.enabled").value(false))
                .andExpect(jsonPath("$.definition.modules.ANTI_SPAM.actions.SPAM.subjectTag").value("[Spam]"));

        perform(get("/api/v1/rules"), HELPDESK).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].definition.name").value(name));
        perform(get("/api/v1/rules/" + name.toUpperCase()), AUDITOR).andExpect(status().isOk())
                .andExpect(jsonPath("$.definition.name").value(name));
        assertThat(events(RuleSetIds.RULES).getLast().getPayload()).isInstanceOfSatisfying(RuleCreatedEvent.class,
                created -> assertThat(created.actor()).isEqualTo("rules-admin"));
    }

    @Test
    void editsCopiesEnablesDisablesMovesAndDeletes() throws Exception {
        String name = unique("Suppliers");
        create(name).andExpect(status().isCreated());
        String renamed = name + " renamed";

        perform(json(put("/api/v1/rules/" + name), ruleJson(renamed, "\"*@supplier.example\"", "\"*\"")), ADMIN)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.definition.name").value(renamed))
                .andExpect(jsonPath("$.definition.senders.addresses[0]").value("*@supplier.example"));

        String copy = name + " copy";
        perform(json(post("/api/v1/rules/" + renamed + "/copy"), "{\"newName\": \"" + copy + "\"}"), ADMIN)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.position").value(0))
                .andExpect(jsonPath("$.definition.enabled").value(false))
                .andExpect(jsonPath("$.definition.senders.addresses[0]").value("*@supplier.example"));

        perform(post("/api/v1/rules/" + copy + "/enable"), ADMIN).andExpect(status().isOk())
                .andExpect(jsonPath("$.definition.enabled").value(true));
        perform(post("/api/v1/rules/" + copy + "/disable"), ADMIN).andExpect(status().isOk())
                .andExpect(jsonPath("$.definition.enabled").value(false));
        perform(json(post("/api/v1/rules/" + copy + "/move"), "{\"position\": 1}"), ADMIN).andExpect(status().isOk())
                .andExpect(jsonPath("$.position").value(1));
        perform(get("/api/v1/rules"), ADMIN).andExpect(jsonPath("$[0].definition.name").value(renamed))
                .andExpect(jsonPath("$[1].definition.name").value(copy));

        perform(delete("/api/v1/rules/" + copy), ADMIN).andExpect(status().isNoContent());
        perform(get("/api/v1/rules/" + copy), ADMIN).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value("No rule named '" + copy + "'"));
        perform(get("/api/v1/rules"), ADMIN).andExpect(jsonPath("$[*].definition.name").value(not(hasItem(copy))));
    }

    @Test
    void readingARuleAndSavingItUnchangedChangesNothing() throws Exception {
        String name = unique("Roundtrip");
        String body = create(name).andReturn().getResponse().getContentAsString();
        String definition = body.substring(body.indexOf("\"definition\":") + "\"definition\":".length(), body.length() - 1);
        int before = events(RuleSetIds.RULES).size();
        perform(json(put("/api/v1/rules/" + name), definition), ADMIN).andExpect(status().isOk());
        assertThat(events(RuleSetIds.RULES)).hasSize(before);
    }

    // ---- rules: refusals

    @Test
    void refusesARegexThatNeedsBacktrackingWith400AndTheReason() throws Exception {
        perform(json(post("/api/v1/rules"), ruleJson(unique("Backref"), "\"re:(a)\\\\1@x\\\\.example\"", "\"*\"")), ADMIN)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("Invalid sender pattern")))
                .andExpect(jsonPath("$.error").value(containsString("backreferences are not supported")))
                .andExpect(jsonPath("$.error").value(containsString("RE2 syntax only")));
    }

    private static String contentFilteringJson(String name, String size) {
        return """
                {"name": "%s", "description": "attachments", "enabled": true, "mode": "SCAN",
                 "senders": {"addresses": ["*"]}, "recipients": {"addresses": ["*@corp.example"]},
                 "modules": {"CONTENT_FILTERING": {"enabled": true,
                     "actions": {"FORBIDDEN_NAME": {"action": "DELETE_ATTACHMENT", "backupCopy": true,
                                                    "subjectTag": "[Banned attachment]"}},
                     "options": {"banned-names": "*.exe, *.scr", "banned-types": "executables",
                                 "banned-types-mode": "from-list", "max-message-size": "%s", "archive-depth": "3"}},
                   "ANTI_VIRUS": {"enabled": true, "options": {"macros-probably-infected": "yes"}}}}
                """.formatted(name, size);
    }

    @Test
    void takesContentFilteringOptionsAsTextAndRefusesOneThatDoesNotFitItsKind() throws Exception {
        String name = unique("Attachments");
        perform(json(post("/api/v1/rules"), contentFilteringJson(name, "25M")), ADMIN)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.definition.modules.CONTENT_FILTERING.options.banned-names").value("*.exe, *.scr"))
                .andExpect(jsonPath("$.definition.modules.CONTENT_FILTERING.options.max-message-size").value("25M"))
                .andExpect(jsonPath("$.definition.modules.CONTENT_FILTERING.options.archive-depth").value("3"))
                .andExpect(jsonPath("$.definition.modules.ANTI_VIRUS.options.macros-probably-infected").value("yes"))
                .andExpect(jsonPath("$.definition.modules.CONTENT_FILTERING.actions.FORBIDDEN_NAME.action")
                        .value("DELETE_ATTACHMENT"));
        perform(json(post("/api/v1/rules"), contentFilteringJson(unique("Broken"), "huge")), ADMIN)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("max-message-size: 'huge' is not a size")));
    }

    @Test
    void refusesAnInvalidPatternWithAClearMessage() throws Exception {
        perform(json(post("/api/v1/rules"), ruleJson(unique("Bad"), "\"re:[unclosed\"", "\"*\"")), ADMIN)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("Invalid sender pattern")))
                .andExpect(jsonPath("$.error").value(containsString("[unclosed")));
        perform(json(post("/api/v1/rules"), ruleJson(unique("Bad"), "\"*\"", "\"*\"")
                .replace("192.0.2.0/24", "192.0.2.0/33")), ADMIN)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("Sender network")));
    }

    @Test
    void refusesAnEnabledRuleWithoutCriteria() throws Exception {
        perform(json(post("/api/v1/rules"), "{\"name\": \"" + unique("Empty") + "\", \"enabled\": true, \"mode\": \"SCAN\"}"),
                ADMIN).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("needs sender criteria")));
    }

    @Test
    void refusesMalformedOrIncompleteJson() throws Exception {
        perform(json(post("/api/v1/rules"), "{\"name\": \"x\""), ADMIN).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("JSON")));
        perform(json(post("/api/v1/rules"), "{\"name\": \"x\", \"enabled\": false}"), ADMIN)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("'mode' is required"));
        perform(json(post("/api/v1/rules"), "{\"name\": \"x\", \"mode\": \"SCAN_HARDER\"}"), ADMIN)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("Invalid value 'SCAN_HARDER' at 'mode'")))
                .andExpect(jsonPath("$.error").value(containsString("REJECT_WITHOUT_SCANNING")));
        perform(post("/api/v1/rules"), ADMIN).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").isString());
        perform(json(post("/api/v1/rules/Default/move"), "{}"), ADMIN).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("'position' is required")));
    }

    @Test
    void refusesADuplicateNameWithConflict() throws Exception {
        String name = unique("Twice");
        create(name).andExpect(status().isCreated());
        create(name.toLowerCase()).andExpect(status().isConflict())
                .andExpect(jsonPath("$.error").value(containsString("already exists")));
        perform(json(post("/api/v1/rules/" + name + "/copy"), "{\"newName\": \"default\"}"), ADMIN)
                .andExpect(status().isConflict());
    }

    @Test
    void protectsTheDefaultRule() throws Exception {
        perform(delete("/api/v1/rules/Default"), ADMIN).andExpect(status().isConflict())
                .andExpect(jsonPath("$.error").value("The Default rule cannot be deleted"));
        perform(post("/api/v1/rules/Default/disable"), ADMIN).andExpect(status().isConflict());
        perform(json(post("/api/v1/rules/Default/move"), "{\"position\": 0}"), ADMIN).andExpect(status().isConflict());
    }

    @Test
    void answersNotFoundForAnUnknownRule() throws Exception {
        perform(get("/api/v1/rules/nobody"), AUDITOR).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value("No rule named 'nobody'"));
        perform(json(put("/api/v1/rules/nobody"), ruleJson("nobody", "\"*\"", "\"*\"")), ADMIN)
                .andExpect(status().isNotFound());
        perform(post("/api/v1/rules/nobody/enable"), ADMIN).andExpect(status().isNotFound());
        perform(delete("/api/v1/rules/nobody"), ADMIN).andExpect(status().isNotFound());
    }

    @Test
    void refusesAPositionOutsideTheList() throws Exception {
        String name = unique("Mover");
        create(name).andExpect(status().isCreated());
        perform(json(post("/api/v1/rules/" + name + "/move"), "{\"position\": 100000}"), ADMIN)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("the Default rule stays last")));
    }

    // ---- global lists

    @Test
    void addsAndRemovesListEntries() throws Exception {
        String domain = UUID.randomUUID().toString().substring(0, 8) + ".example";
        perform(json(post("/api/v1/lists/allow/entries"), "{\"type\": \"ADDRESS\", \"value\": \"*@" + domain + "\"}"),
                ADMIN).andExpect(status().isOk())
                .andExpect(jsonPath("$.allow[*].value").value(hasItem("*@" + domain)));
        perform(json(post("/api/v1/lists/deny/entries"), "{\"type\": \"IP_NETWORK\", \"value\": \"203.0.113.0/24\"}"),
                ADMIN).andExpect(status().isOk())
                .andExpect(jsonPath("$.deny[?(@.value == '203.0.113.0/24')].type").value(hasItem("IP_NETWORK")));
        perform(get("/api/v1/lists"), AUDITOR).andExpect(status().isOk())
                .andExpect(jsonPath("$.allow[*].value").value(hasItem("*@" + domain)));

        perform(delete("/api/v1/lists/allow/entries").param("value", "*@" + domain), ADMIN).andExpect(status().isOk())
                .andExpect(jsonPath("$.allow[*].value").value(not(hasItem("*@" + domain))));
        perform(delete("/api/v1/lists/allow/entries").param("value", "*@" + domain), ADMIN)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value(containsString("is not on the ALLOW list")));
    }

    @Test
    void refusesInvalidListEntries() throws Exception {
        perform(json(post("/api/v1/lists/deny/entries"), "{\"type\": \"IP_NETWORK\", \"value\": \"spam.example\"}"),
                ADMIN).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("Invalid IP_NETWORK entry")));
        perform(json(post("/api/v1/lists/deny/entries"), "{\"value\": \"spam.example\"}"), ADMIN)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("'type' is required")));
        perform(json(post("/api/v1/lists/maybe/entries"), "{\"type\": \"ADDRESS\", \"value\": \"x.example\"}"), ADMIN)
                .andExpect(status().isNotFound());
        perform(delete("/api/v1/lists/deny/entries"), ADMIN).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("'value' is required"));
    }

    @Test
    void setsTheDenyAction() throws Exception {
        perform(json(put("/api/v1/lists/deny/action"), "{\"action\": \"DELETE\"}"), ADMIN).andExpect(status().isOk())
                .andExpect(jsonPath("$.denyAction").value("DELETE_MESSAGE"));
        perform(json(put("/api/v1/lists/deny/action"), "{\"action\": \"SKIP\"}"), ADMIN)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("'action' must be REJECT or DELETE"));
        perform(json(put("/api/v1/lists/deny/action"), "{\"action\": \"reject\"}"), ADMIN).andExpect(status().isOk())
                .andExpect(jsonPath("$.denyAction").value("REJECT"));
    }
}
