package io.bulwark.admin.dkim;

import static io.bulwark.admin.support.ApiCredentials.httpBasic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.bulwark.admin.TestAdminApplication;
import io.bulwark.admin.account.AdminAccountsProjection;
import io.bulwark.admin.tls.CertificateTools;
import io.bulwark.events.admin.CreateAdminAccountCommand;
import io.bulwark.events.dkim.DkimKeyCreatedEvent;
import io.bulwark.events.dkim.DkimKeyDeletedEvent;
import io.bulwark.scan.dns.testing.LoopbackDnsServer;
import io.bulwark.store.secrets.MasterKey;
import io.bulwark.store.secrets.SealedKeys;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The DKIM key API (issue 10's contract) with real keys and a real DNS server on loopback: create
 * (201 with the record to publish), list, rotate, delete (204, 404), duplicate (409), roles, the DNS
 * check in its four outcomes, and that no private key reaches an event or the store in clear.
 */
@SpringBootTest(classes = TestAdminApplication.class)
@AutoConfigureMockMvc
class DkimKeysApiIntegrationTest {
    private static final BCryptPasswordEncoder FAST = new BCryptPasswordEncoder(4);
    private static final String PASSWORD = "dkim-test-password";
    private static final RequestPostProcessor ADMIN = httpBasic("dkim-admin", PASSWORD);
    private static final RequestPostProcessor AUDITOR = httpBasic("dkim-auditor", PASSWORD);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final LoopbackDnsServer DNS;

    static {
        try {
            DNS = new LoopbackDnsServer();
        } catch (java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void dns(DynamicPropertyRegistry properties) {
        properties.add("bulwark.dns.servers", () -> DNS.address());
        properties.add("bulwark.dns.timeout", () -> "1s");
        properties.add("bulwark.dkim.public-addresses", () -> "192.0.2.25,2001:db8::25");
    }

    @AfterAll
    static void stopDns() throws Exception {
        DNS.close();
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    AdminAccountsProjection accounts;
    @Autowired
    InMemoryEventStorageEngine storageEngine;
    @Autowired
    MongoDatabase database;
    @Autowired
    MasterKey masterKey;

    @BeforeEach
    void accounts() {
        for (String[] account : new String[][] {{"dkim-admin", "ADMINISTRATOR"}, {"dkim-auditor", "AUDITOR"}}) {
            if (accounts.find(account[0]).isEmpty()) {
                commandGateway.sendAndWait(new CreateAdminAccountCommand(account[0], account[1],
                        FAST.encode(PASSWORD), "admin"));
            }
        }
    }

    private ResultActions postJson(String path, Object body, RequestPostProcessor user) throws Exception {
        return mvc.perform(post(path).with(user).contentType(MediaType.APPLICATION_JSON)
                .content(body instanceof String s ? s : JSON.writeValueAsString(body)));
    }

    private static JsonNode body(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private JsonNode create(String domain, String selector, String algorithm) throws Exception {
        return body(postJson("/api/v1/dkim/keys", JSON.createObjectNode().put("domain", domain)
                .put("selector", selector).put("algorithm", algorithm), ADMIN).andExpect(status().isCreated()));
    }

    @Test
    void createsAnRsaKeyAndAnswersWithTheRecordToPublish() throws Exception {
        ResultActions created = postJson("/api/v1/dkim/keys", JSON.createObjectNode().put("domain", "Rsa.Example.com")
                .put("selector", "s2026").put("algorithm", "rsa-2048"), ADMIN)
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", containsString("/api/v1/dkim/keys/")))
                .andExpect(jsonPath("$.domain").value("rsa.example.com"))
                .andExpect(jsonPath("$.selector").value("s2026"))
                .andExpect(jsonPath("$.algorithm").value("rsa-2048"))
                .andExpect(jsonPath("$.dnsName").value("s2026._domainkey.rsa.example.com"))
                .andExpect(jsonPath("$.dnsRecord", startsWith("v=DKIM1; k=rsa; p=MIIBIjAN")))
                .andExpect(jsonPath("$.active").value(true))
                .andExpect(jsonPath("$.createdAt").exists())
                .andExpect(jsonPath("$.createdBy").value("dkim-admin"))
                .andExpect(jsonPath("$.suggested.spf").value("v=spf1 ip4:192.0.2.25 ip6:2001:db8:0:0:0:0:0:25 mx -all"))
                .andExpect(jsonPath("$.suggested.dmarcName").value("_dmarc.rsa.example.com"))
                .andExpect(jsonPath("$.suggested.dmarc").value("v=DMARC1; p=quarantine; rua=mailto:dmarc@rsa.example.com"));
        String id = body(created).get("id").asText();
        mvc.perform(get("/api/v1/dkim/keys").with(AUDITOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", hasItem(id)));
        mvc.perform(get("/api/v1/dkim/keys/" + id).with(AUDITOR)).andExpect(status().isOk());
        mvc.perform(get("/api/v1/dkim/keys/nope").with(ADMIN)).andExpect(status().isNotFound());
    }

    @Test
    void aNewSelectorRotatesTheOldKeyStaysListedUntilDeleted() throws Exception {
        String old = create("rotate.example", "s1", "ed25519").get("id").asText();
        JsonNode fresh = create("rotate.example", "s2", "ed25519");
        assertThat(fresh.get("dnsRecord").asText()).startsWith("v=DKIM1; k=ed25519; p=");
        assertThat(Base64.getDecoder().decode(fresh.get("dnsRecord").asText().substring(22))).hasSize(32);
        JsonNode list = body(mvc.perform(get("/api/v1/dkim/keys").with(ADMIN)));
        for (JsonNode key : list) {
            if (key.get("id").asText().equals(old)) {
                assertThat(key.get("active").asBoolean()).isFalse();
            }
            if (key.get("id").asText().equals(fresh.get("id").asText())) {
                assertThat(key.get("active").asBoolean()).isTrue();
            }
        }
        mvc.perform(delete("/api/v1/dkim/keys/" + old).with(ADMIN)).andExpect(status().isNoContent());
        mvc.perform(delete("/api/v1/dkim/keys/" + old).with(ADMIN)).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/dkim/keys").with(ADMIN)).andExpect(jsonPath("$[*].id", not(hasItem(old))));
        assertThat(database.getCollection(DkimKeyVault.COLLECTION).find(new Document("_id", old)).first()).isNull();
        assertThat(payloads()).anySatisfy(p -> assertThat(p).isInstanceOfSatisfying(DkimKeyDeletedEvent.class,
                d -> assertThat(d.keyId()).isEqualTo(old)));
    }

    @Test
    void refusesADuplicateSelectorWith409AndBadInputWith400() throws Exception {
        create("dup.example", "s1", "ed25519");
        postJson("/api/v1/dkim/keys", JSON.createObjectNode().put("domain", "DUP.example").put("selector", "s1")
                .put("algorithm", "rsa-2048"), ADMIN)
                .andExpect(status().isConflict()).andExpect(jsonPath("$.error", containsString("s1")));
        postJson("/api/v1/dkim/keys", JSON.createObjectNode().put("domain", "dup.example").put("selector", "bad_sel")
                .put("algorithm", "ed25519"), ADMIN).andExpect(status().isBadRequest());
        postJson("/api/v1/dkim/keys", JSON.createObjectNode().put("domain", "not a domain").put("selector", "s9")
                .put("algorithm", "ed25519"), ADMIN).andExpect(status().isBadRequest());
        postJson("/api/v1/dkim/keys", JSON.createObjectNode().put("domain", "dup.example").put("selector", "s9")
                .put("algorithm", "rsa-1024"), ADMIN).andExpect(status().isBadRequest());
        postJson("/api/v1/dkim/keys", "{\"domain\":", ADMIN).andExpect(status().isBadRequest());
        // a refused command leaves no sealed key behind
        assertThat(database.getCollection(DkimKeyVault.COLLECTION).countDocuments(new Document("domain", "dup.example")))
                .isEqualTo(1);
    }

    @Test
    void onlyAdministratorsChangeKeys() throws Exception {
        postJson("/api/v1/dkim/keys", JSON.createObjectNode().put("domain", "x.example").put("selector", "s1")
                .put("algorithm", "ed25519"), AUDITOR).andExpect(status().isForbidden());
        mvc.perform(delete("/api/v1/dkim/keys/any").with(AUDITOR)).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/dkim/keys")).andExpect(status().isUnauthorized());
    }

    @Test
    void theDnsCheckTellsPublishedMissingDifferentAndDnsError() throws Exception {
        JsonNode key = create("dns.example", "s1", "ed25519");
        String id = key.get("id").asText();
        String check = "/api/v1/dkim/keys/" + id + "/dns";
        mvc.perform(get(check).with(AUDITOR)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("missing"))
                .andExpect(jsonPath("$.dnsName").value("s1._domainkey.dns.example"));

        JsonNode other = create("dns.example", "s2", "ed25519");
        String published = key.get("dnsRecord").asText();
        // split into two strings as DNS hosting panels do with long records
        DNS.txt("s1._domainkey.dns.example", published.substring(0, 20), published.substring(20));
        DNS.txt("s2._domainkey.dns.example", key.get("dnsRecord").asText());
        mvc.perform(get(check).with(AUDITOR)).andExpect(jsonPath("$.status").value("published"));
        mvc.perform(get("/api/v1/dkim/keys/" + other.get("id").asText() + "/dns").with(AUDITOR))
                .andExpect(jsonPath("$.status").value("different"));

        JsonNode failing = create("dns.example", "s3", "rsa-2048");
        DNS.servfail("s3._domainkey.dns.example");
        mvc.perform(get("/api/v1/dkim/keys/" + failing.get("id").asText() + "/dns").with(AUDITOR))
                .andExpect(jsonPath("$.status").value("dns-error"));
        mvc.perform(get("/api/v1/dkim/keys/nope/dns").with(AUDITOR)).andExpect(status().isNotFound());
    }

    @Test
    void importsAPemKeyRsaOrEd25519AndPublishesItsPublicHalf() throws Exception {
        KeyPair rsa = generateRsa(2048);
        postJson("/api/v1/dkim/keys/import", JSON.createObjectNode().put("domain", "import.example").put("selector", "r1")
                .put("privateKeyPem", CertificateTools.pem(rsa.getPrivate())), ADMIN)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.origin").value("IMPORTED"))
                .andExpect(jsonPath("$.algorithm").value("rsa-2048"))
                .andExpect(jsonPath("$.dnsRecord").value("v=DKIM1; k=rsa; p="
                        + Base64.getEncoder().encodeToString(rsa.getPublic().getEncoded())));
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = ed.getPublic().getEncoded();
        byte[] raw = java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        JsonNode imported = body(postJson("/api/v1/dkim/keys/import", JSON.createObjectNode()
                .put("domain", "import.example").put("selector", "e1")
                .put("privateKeyPem", CertificateTools.pem(ed.getPrivate())), ADMIN)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.algorithm").value("ed25519"))
                .andExpect(jsonPath("$.dnsRecord").value("v=DKIM1; k=ed25519; p="
                        + Base64.getEncoder().encodeToString(raw))));
        PrivateKey opened = new SealedKeys(database, DkimKeyVault.COLLECTION, masterKey)
                .open(imported.get("id").asText()).orElseThrow();
        assertThat(opened.getEncoded()).isEqualTo(ed.getPrivate().getEncoded());

        KeyPair small = generateRsa(1024);
        postJson("/api/v1/dkim/keys/import", JSON.createObjectNode().put("domain", "import.example").put("selector", "r2")
                .put("privateKeyPem", CertificateTools.pem(small.getPrivate())), ADMIN)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error", containsString("1024")));
        postJson("/api/v1/dkim/keys/import", JSON.createObjectNode().put("domain", "import.example").put("selector", "r3")
                .put("privateKeyPem", "garbage"), ADMIN).andExpect(status().isBadRequest());
    }

    @Test
    void privateKeysAreSealedAndNeverInEvents() throws Exception {
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String pem = CertificateTools.pem(rsa.getPrivate());
        String id = body(postJson("/api/v1/dkim/keys/import", JSON.createObjectNode().put("domain", "seal.example")
                .put("selector", "s1").put("privateKeyPem", pem), ADMIN).andExpect(status().isCreated()))
                .get("id").asText();
        String keyBody = pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        String keyBase64 = Base64.getEncoder().encodeToString(rsa.getPrivate().getEncoded());
        assertThat(payloads()).anySatisfy(p -> assertThat(p).isInstanceOf(DkimKeyCreatedEvent.class));
        for (Object payload : payloads()) {
            assertThat(JSON.writeValueAsString(payload)).doesNotContain(keyBody).doesNotContain(keyBase64.substring(0, 40));
        }
        Document stored = database.getCollection(DkimKeyVault.COLLECTION).find(new Document("_id", id)).first();
        assertThat(stored.toJson()).doesNotContain(keyBody).doesNotContain(keyBase64.substring(0, 40));
        assertThat(stored.getString("selector")).isEqualTo("s1");
    }

    private static KeyPair generateRsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    private List<Object> payloads() {
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(null, false)) {
            return events.<Object>map(TrackedEventMessage::getPayload).toList();
        }
    }
}
