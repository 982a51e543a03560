package io.bulwark.admin.report;

import static io.bulwark.admin.support.ApiCredentials.httpBasic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.admin.TestAdminApplication;
import io.bulwark.admin.account.AdminAccountsProjection;
import io.bulwark.admin.support.ApiCredentials;
import io.bulwark.events.report.ReportCreatedEvent;
import io.bulwark.events.report.ReportDeletedEvent;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The reports API on the admin backend: a custom report of a day of traffic as JSON, PDF and PNG,
 * the schedule, deletion as an audited event, and who may do what.
 */
@SpringBootTest(classes = TestAdminApplication.class)
@AutoConfigureMockMvc
// Its own context and store: the day of traffic it publishes lies outside "the last days" that other
// tests of the shared context (the rule preview) compare against everything in the store.
@TestPropertySource(properties = "bulwark.reports.mail.from=report-api-test@localhost")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReportApiIntegrationTest {
    private static final String PASSWORD = "report-test-password";
    private static final RequestPostProcessor ADMIN = httpBasic("report-admin", PASSWORD);
    private static final RequestPostProcessor AUDITOR = httpBasic("report-auditor", PASSWORD);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    /** A day no other test writes traffic on. */
    private static final Instant DAY = Instant.parse("2031-03-04T00:00:00Z");

    @Autowired
    MockMvc mvc;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventGateway events;
    @Autowired
    AdminAccountsProjection accounts;
    @Autowired
    InMemoryEventStorageEngine storageEngine;
    @Autowired
    ReportCounters counters;

    @BeforeEach
    void setUp() {
        ApiCredentials.ensureAccounts(accounts, commands, new BCryptPasswordEncoder(4).encode(PASSWORD),
                "report-admin", "ADMINISTRATOR", "report-auditor", "AUDITOR");
        if (counters.read(DAY, DAY.plusSeconds(86400)).messages() == 0) {
            ReportTraffic.day(DAY).forEach(events::publish);
        }
        await().until(() -> counters.read(DAY, DAY.plusSeconds(86400)).messages() == 10);
    }

    private List<Object> stored() {
        return storageEngine.readEvents(null, false).map(EventMessage::getPayload).map(o -> (Object) o).toList();
    }

    @Test
    void aCustomReportIsViewableAsJsonPdfAndChartsAndDeletingItIsAudited() throws Exception {
        String body = JSON.createObjectNode().put("from", DAY.toString()).put("to", DAY.plusSeconds(86400).toString())
                .toString();
        JsonNode created = JSON.readTree(mvc.perform(post("/api/v1/reports").with(ADMIN)
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated())
                .andExpect(jsonPath("$.type").value("CUSTOM")).andExpect(jsonPath("$.status").value("CREATED"))
                .andExpect(jsonPath("$.createdBy").value("report-admin"))
                .andReturn().getResponse().getContentAsString());
        String id = created.get("id").asText();

        mvc.perform(get("/api/v1/reports").with(AUDITOR)).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == '" + id + "')]").exists());
        mvc.perform(get("/api/v1/reports/" + id).with(AUDITOR)).andExpect(status().isOk())
                .andExpect(jsonPath("$.report.id").value(id))
                .andExpect(jsonPath("$.data.messages").value(10))
                .andExpect(jsonPath("$.data.bytes").value(23700))
                .andExpect(jsonPath("$.data.actions.DELETE_ATTACHMENT").value(3))
                .andExpect(jsonPath("$.data.statuses.ANTI_VIRUS.INFECTED").value(3))
                .andExpect(jsonPath("$.data.tops.senders['alice@a.example']").value(4))
                .andExpect(jsonPath("$.data.hourly.length()").value(24));
        byte[] pdf = mvc.perform(get("/api/v1/reports/" + id + ".pdf").with(AUDITOR)).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"bulwark-report-" + id + ".pdf\""))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        byte[] png = mvc.perform(get("/api/v1/reports/" + id + "/charts/hourly.png").with(AUDITOR))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "image/png"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        mvc.perform(get("/api/v1/reports/" + id + "/charts/nope.png").with(AUDITOR))
                .andExpect(status().isBadRequest());

        mvc.perform(delete("/api/v1/reports/" + id).with(AUDITOR)).andExpect(status().isForbidden());
        mvc.perform(delete("/api/v1/reports/" + id).with(ADMIN)).andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/reports/" + id).with(ADMIN)).andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/reports/" + id).with(ADMIN)).andExpect(status().isNotFound());
        assertThat(stored()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ReportCreatedEvent.class,
                c -> assertThat(c.reportId()).isEqualTo(id)));
        assertThat(stored()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ReportDeletedEvent.class,
                d -> assertThat(d.actor()).isEqualTo("report-admin")));
    }

    @Test
    void aBadPeriodIsRefusedAndOnlyAnAdministratorCreates() throws Exception {
        String backwards = JSON.createObjectNode().put("from", DAY.plusSeconds(86400).toString())
                .put("to", DAY.toString()).toString();
        mvc.perform(post("/api/v1/reports").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content(backwards))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").exists());
        mvc.perform(post("/api/v1/reports").with(AUDITOR).contentType(MediaType.APPLICATION_JSON).content(backwards))
                .andExpect(status().isForbidden());
    }

    @Test
    void theScheduleIsReadByEveryRoleAndChangedByAnAdministrator() throws Exception {
        String schedule = """
                {"daily": {"enabled": true, "time": "06:30", "recipients": ["boss@corp.example"]},
                 "weekly": {"enabled": false, "time": "07:00", "recipients": []},
                 "monthly": {"enabled": true, "time": "05:00", "recipients": []}}""";
        mvc.perform(put("/api/v1/reports/schedule").with(AUDITOR).contentType(MediaType.APPLICATION_JSON)
                .content(schedule)).andExpect(status().isForbidden());
        mvc.perform(put("/api/v1/reports/schedule").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                .content(schedule)).andExpect(status().isOk())
                .andExpect(jsonPath("$.daily.enabled").value(true))
                .andExpect(jsonPath("$.daily.recipients[0]").value("boss@corp.example"));
        mvc.perform(get("/api/v1/reports/schedule").with(AUDITOR)).andExpect(status().isOk())
                .andExpect(jsonPath("$.daily.time").value("06:30:00"))
                .andExpect(jsonPath("$.monthly.enabled").value(true))
                .andExpect(jsonPath("$.changedBy").value("report-admin"));
        String off = """
                {"daily": {"enabled": false, "time": "06:30", "recipients": []},
                 "weekly": {"enabled": false, "time": "07:00", "recipients": []},
                 "monthly": {"enabled": false, "time": "05:00", "recipients": []}}""";
        mvc.perform(put("/api/v1/reports/schedule").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content(off))
                .andExpect(status().isOk());
        mvc.perform(put("/api/v1/reports/schedule").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                .content(off.replace("[]}}", "[\"not an address\"]}}"))).andExpect(status().isBadRequest());
    }
}
