package io.bulwark.admin.cef;

import static io.bulwark.admin.support.ApiCredentials.httpBasic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.bulwark.admin.TestAdminApplication;
import io.bulwark.admin.account.AdminAccountsProjection;
import io.bulwark.admin.tls.CertificateTools;
import io.bulwark.admin.tls.TestCa;
import io.bulwark.events.admin.CreateAdminAccountCommand;
import io.bulwark.events.cef.CefExportFailedEvent;
import io.bulwark.events.cef.CefExportSettingsChangedEvent;
import io.bulwark.events.rule.RuleEnabledEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The issue's "done when" for the CEF export, against Debian's rsyslog: a rule change, a login
 * failure and a scanned message reach rsyslog's file as correct CEF within seconds, over TCP and
 * then, after an audited settings change through the API, over TLS; stopping rsyslog and starting
 * it again loses no record; then over UDP (RFC 5424 in RFC 5426 datagrams), where nothing confirms
 * delivery, so only records sent while rsyslog runs are checked. The whole admin backend runs (Spring, Axon, the exporter's tracking
 * processor); only the gateway's part is played by publishing its event.
 *
 * <p>Skipped when rsyslogd is not installed (CI's .ci/run installs rsyslog and rsyslog-gnutls).
 */
@SpringBootTest(classes = TestAdminApplication.class)
@AutoConfigureMockMvc
@EnabledIf(value = "io.bulwark.admin.cef.RsyslogServer#available",
        disabledReason = "rsyslogd is not installed (apt-get install rsyslog rsyslog-gnutls; CI installs both)")
class RsyslogInteropTest {
    private static final String PASSWORD = "cef-interop-password";
    private static final RequestPostProcessor ADMIN = httpBasic("cef-admin", PASSWORD);
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static Path dir;
    private static RsyslogServer rsyslog;

    @DynamicPropertySource
    static void target(DynamicPropertyRegistry properties) throws Exception {
        dir = Files.createTempDirectory("cef-rsyslog");
        TestCa ca = new TestCa();
        CertificateTools.Imported server = ca.issueLoopbackServer();
        Path cert = dir.resolve("server.pem");
        Path key = dir.resolve("server.key");
        Path caFile = dir.resolve("ca.pem");
        Files.writeString(cert, CertificateTools.pem(server.chain()));
        Files.writeString(key, CertificateTools.pem(server.key()));
        Files.writeString(caFile, CertificateTools.pem(List.of(ca.certificate)));
        rsyslog = new RsyslogServer(dir, cert, key);
        rsyslog.start();
        properties.add("bulwark.cef.enabled", () -> "true");
        properties.add("bulwark.cef.target", () -> "tcp://127.0.0.1:" + rsyslog.tcpPort());
        properties.add("bulwark.cef.tls.ca-file", caFile::toString);
        properties.add("bulwark.node-id", () -> "cef-node");
    }

    @AfterAll
    static void stopRsyslog() throws Exception {
        if (rsyslog != null) {
            rsyslog.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventGateway events;
    @Autowired
    AdminAccountsProjection accounts;
    @Autowired
    InMemoryEventStorageEngine storage;
    @Autowired
    org.axonframework.config.EventProcessingConfiguration processing;

    /** A logged line: facility, syslog severity, app-name, msgid, and the CEF record parsed strictly. */
    record Logged(String facility, int severity, String app, String msgId, StrictCefParser.Parsed cef) {
    }

    static List<Logged> logged(Path log) throws IOException {
        List<Logged> out = new ArrayList<>();
        for (String line : RsyslogServer.lines(log)) {
            String[] parts = line.split(" ", 5);
            out.add(new Logged(parts[0], Integer.parseInt(parts[1]), parts[2], parts[3],
                    StrictCefParser.parse(parts[4])));
        }
        return out;
    }

    @Test
    void ruleChangeLoginFailureAndScannedMessageArriveOverTcpTlsAndUdpAndAStoppedTargetLosesNothing()
            throws Exception {
        // the exporter's first token is the head of the stream, taken by its own thread after start-up
        await().atMost(WITHIN).until(() -> processing.eventProcessor(CefExporter.PROCESSING_GROUP,
                org.axonframework.eventhandling.TrackingEventProcessor.class).orElseThrow().processingStatus().size() > 0);
        if (accounts.find("cef-admin").isEmpty()) {
            commands.sendAndWait(new CreateAdminAccountCommand("cef-admin", "ADMINISTRATOR",
                    new BCryptPasswordEncoder(4).encode(PASSWORD), "admin"));
        }
        // TCP, from the properties
        threeEvents("tcp");
        await().atMost(WITHIN).untilAsserted(() -> assertThreeRecords(logged(rsyslog.tcpLog()), "tcp"));
        List<Logged> tcp = logged(rsyslog.tcpLog());
        assertThat(tcp).allSatisfy(l -> {
            assertThat(l.facility()).isEqualTo("local0");
            assertThat(l.app()).isEqualTo("Bulwark");
            assertThat(l.cef().vendor()).isEqualTo("Bulwark");
            assertThat(l.cef().product()).isEqualTo("Bulwark");
            assertThat(l.cef().extension()).containsKeys("rt", "externalId").containsEntry("dvchost",
                    l.msgId().equals("SCAN_LOGIC") ? "node-tcp" : "cef-node");
        });

        // TLS, after an audited change through the API
        mvc.perform(put(CefSettingsController.PATH).with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                .content("{\"enabled\": true, \"target\": \"tls://127.0.0.1:" + rsyslog.tlsPort()
                        + "\", \"facility\": \"local3\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.transport").value("tls"))
                .andExpect(jsonPath("$.facility").value("local3"));
        assertThat(payloads()).anySatisfy(p -> assertThat(p).isInstanceOfSatisfying(
                CefExportSettingsChangedEvent.class, e -> {
                    assertThat(e.previousTarget()).isEqualTo("tcp://127.0.0.1:" + rsyslog.tcpPort());
                    assertThat(e.actor()).isEqualTo("cef-admin");
                }));
        threeEvents("tls");
        await().atMost(WITHIN).untilAsserted(() -> assertThreeRecords(logged(rsyslog.tlsLog()), "tls"));
        assertThat(logged(rsyslog.tlsLog())).allSatisfy(l -> assertThat(l.facility()).isEqualTo("local3"))
                .anySatisfy(l -> assertThat(l.cef().classId()).isEqualTo("BW_EV_SETTINGS_CHANGED"));

        // The target stops: records wait, an event says so, nothing is lost when it is back.
        rsyslog.stop();
        int before = logged(rsyslog.tlsLog()).size();
        for (int i = 0; i < 20; i++) {
            events.publish(new RuleEnabledEvent("while-down-" + i, "cef-admin", java.time.Instant.now()));
        }
        await().atMost(WITHIN).until(() -> payloads().stream().anyMatch(CefExportFailedEvent.class::isInstance));
        mvc.perform(get(CefSettingsController.PATH).with(ADMIN)).andExpect(jsonPath("$.failing").value(true));
        rsyslog.start();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            List<String> ruleIds = logged(rsyslog.tlsLog()).stream()
                    .map(l -> l.cef().extension().get("cs2")).filter(id -> id != null && id.startsWith("while-down-"))
                    .distinct().toList();
            assertThat(ruleIds).hasSize(20);
        });
        List<Logged> after = logged(rsyslog.tlsLog());
        assertThat(after.size()).isGreaterThan(before);
        await().atMost(WITHIN).untilAsserted(() -> assertThat(logged(rsyslog.tlsLog()))
                .anySatisfy(l -> assertThat(l.cef().classId()).isEqualTo("BW_EV_CEF_EXPORT_FAILED"))
                .anySatisfy(l -> assertThat(l.cef().classId()).isEqualTo("BW_EV_CEF_EXPORT_RESUMED")));
        mvc.perform(get(CefSettingsController.PATH).with(ADMIN)).andExpect(jsonPath("$.failing").value(false));

        // UDP (RFC 5426: one RFC 5424 message per datagram), after another audited change
        mvc.perform(put(CefSettingsController.PATH).with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                .content("{\"enabled\": true, \"target\": \"udp://127.0.0.1:" + rsyslog.udpPort()
                        + "\", \"facility\": \"local5\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.transport").value("udp"));
        threeEvents("udp");
        await().atMost(WITHIN).untilAsserted(() -> assertThreeRecords(logged(rsyslog.udpLog()), "udp"));
        assertThat(logged(rsyslog.udpLog())).allSatisfy(l -> {
            assertThat(l.facility()).isEqualTo("local5");
            assertThat(l.app()).isEqualTo("Bulwark");
            assertThat(l.cef().extension()).containsKeys("rt", "externalId", "dvchost");
        }).anySatisfy(l -> assertThat(l.cef().extension().get("cs3")).contains("target tls://127.0.0.1:"
                + rsyslog.tlsPort() + " -> udp://127.0.0.1:" + rsyslog.udpPort(), "facility local3 -> local5"));
    }

    /** A rule change and a login failure through the API, and a scanned message from "the gateway". */
    private void threeEvents(String tag) throws Exception {
        mvc.perform(post("/api/v1/rules/Default/copy").with(ADMIN).contentType(MediaType.APPLICATION_JSON)
                .content("{\"newName\": \"Copy " + tag + " | a=b\"}")).andExpect(status().is2xxSuccessful());
        mvc.perform(get(CefSettingsController.PATH).with(httpBasic("cef-admin", "wrong-" + tag)))
                .andExpect(status().isUnauthorized());
        var scanned = SampleCefEvents.scanned();
        var m = scanned.message();
        events.publish(new io.bulwark.events.scan.MessageScannedEvent(new io.bulwark.events.message.MessageRef(
                m.queueId() + tag, m.messageId(), m.sender(), List.of(tag + "@rcpt.example"), m.sizeBytes(),
                m.clientAddress(), "node-" + tag), scanned.report(), scanned.decisions(), false,
                java.time.Instant.now(), scanned.subject(), scanned.attachments()));
    }

    private static void assertThreeRecords(List<Logged> logged, String tag) {
        assertThat(logged).anySatisfy(l -> {
            assertThat(l.msgId()).isEqualTo("RULES");
            assertThat(l.cef().classId()).isEqualTo("BW_EV_RULE_CHANGED");
            assertThat(l.cef().extension()).containsEntry("act", "copied")
                    .containsEntry("cs1", "Copy " + tag + " | a=b").containsEntry("suser", "cef-admin");
        });
        assertThat(logged).anySatisfy(l -> {
            assertThat(l.msgId()).isEqualTo("AUTH");
            assertThat(l.cef().classId()).isEqualTo("BW_AUDIT_AUTHENTICATION");
            assertThat(l.cef().severity()).isEqualTo(5);
            assertThat(l.severity()).isEqualTo(4);
            assertThat(l.cef().extension()).containsEntry("outcome", "failure").containsEntry("suser", "cef-admin")
                    .containsEntry("cs2", "AuthFailed");
        });
        assertThat(logged).anySatisfy(l -> {
            assertThat(l.msgId()).isEqualTo("SCAN_LOGIC");
            assertThat(l.cef().classId()).isEqualTo("BW_EV_SCAN_LOGIC_MESSAGE_PROCESSED");
            assertThat(l.cef().extension()).containsEntry("duser", tag + "@rcpt.example")
                    .containsEntry("BulwarkAvStatus", "INFECTED").containsEntry("act", "AttachmentsDeleted")
                    .containsEntry("src", "192.0.2.10");
            assertThat(l.cef().extension().get("reason")).contains("\nline two \u00e9\u4e2d");
            assertThat(l.cef().extension()).containsEntry("BulwarkMessageSubject", SampleCefEvents.SUBJECT)
                    .containsEntry("fileHash", "1".repeat(64) + "," + "2".repeat(64) + "," + "3".repeat(64))
                    .containsEntry("BulwarkMessageHashType", "SHA256");
            assertThat(l.cef().extension().get("BulwarkFileHashes")).endsWith("4".repeat(64));
        });
    }

    private List<Object> payloads() {
        try (var stream = storage.readEvents(null, false)) {
            return stream.map(m -> (Object) m.getPayload()).toList();
        }
    }
}
