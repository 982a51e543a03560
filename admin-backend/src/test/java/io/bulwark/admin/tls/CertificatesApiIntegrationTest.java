package io.bulwark.admin.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static io.bulwark.admin.support.ApiCredentials.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import io.bulwark.admin.TestAdminApplication;
import io.bulwark.admin.account.AdminAccountsProjection;
import io.bulwark.events.admin.CreateAdminAccountCommand;
import io.bulwark.events.tls.CertificateActivatedEvent;
import io.bulwark.events.tls.TlsKeyType;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The certificate API with real keys: every way in (self-signed, CSR + CA answer, PEM, PKCS#12),
 * activation, deletion, roles, refusals; and that no key material ever reaches an event or the
 * stored document in clear.
 */
@SpringBootTest(classes = TestAdminApplication.class)
@AutoConfigureMockMvc
class CertificatesApiIntegrationTest {
    private static final BCryptPasswordEncoder FAST = new BCryptPasswordEncoder(4);
    private static final String PASSWORD = "tls-test-password";
    private static final RequestPostProcessor ADMIN = httpBasic("tls-admin", PASSWORD);
    private static final RequestPostProcessor HELPDESK = httpBasic("tls-helpdesk", PASSWORD);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

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

    @BeforeEach
    void accounts() {
        for (String[] account : new String[][] {{"tls-admin", "ADMINISTRATOR"}, {"tls-helpdesk", "HELPDESK"}}) {
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

    private String selfSigned(String cn) throws Exception {
        ResultActions created = postJson("/api/v1/certificates/self-signed", JSON.createObjectNode()
                .put("commonName", cn).put("validityDays", 30).put("keyType", "EC_P256"), ADMIN)
                .andExpect(status().isCreated());
        return body(created).get("certificateId").asText();
    }

    @Test
    void createsASelfSignedCertificateAndListsItsExpiry() throws Exception {
        ResultActions created = postJson("/api/v1/certificates/self-signed", JSON.createObjectNode()
                .put("commonName", "mx1.example.com").put("validityDays", 20)
                .set("subjectAltNames", JSON.createArrayNode().add("mx1.example.com").add("mail.example.com")), ADMIN)
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", containsString("/api/v1/certificates/")))
                .andExpect(jsonPath("$.status").value("READY"))
                .andExpect(jsonPath("$.origin").value("SELF_SIGNED"))
                .andExpect(jsonPath("$.details.subject").value("CN=mx1.example.com"))
                .andExpect(jsonPath("$.details.subjectAltNames[1]").value("mail.example.com"))
                .andExpect(jsonPath("$.details.keyAlgorithm").value("RSA 2048"))
                .andExpect(jsonPath("$.daysLeft").value(greaterThanOrEqualTo(19)));
        String id = body(created).get("certificateId").asText();
        mvc.perform(get("/api/v1/certificates").with(HELPDESK))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].certificateId", hasItem(id)));
        mvc.perform(get("/api/v1/certificates/" + id).with(HELPDESK)).andExpect(status().isOk());
        mvc.perform(get("/api/v1/certificates/nope").with(ADMIN)).andExpect(status().isNotFound());
    }

    @Test
    void aCsrIsDownloadableAndTheCasAnswerCompletesIt() throws Exception {
        ResultActions requested = postJson("/api/v1/certificates/csr", JSON.createObjectNode()
                .put("commonName", "mx2.example.com").put("keyType", "RSA_2048"), ADMIN)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.csrPem", containsString("BEGIN CERTIFICATE REQUEST")));
        String id = body(requested).get("certificateId").asText();
        String csr = mvc.perform(get("/api/v1/certificates/" + id + "/csr").with(HELPDESK))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString(id + ".csr")))
                .andReturn().getResponse().getContentAsString();
        mvc.perform(post("/api/v1/certificates/" + id + "/activate").with(ADMIN)).andExpect(status().isConflict());

        TestCa ca = new TestCa();
        String chain = CertificateTools.pem(List.of(ca.certificate, ca.sign(csr, 90))); // CA first, as often uploaded
        postJson("/api/v1/certificates/import", JSON.createObjectNode().put("certificateId", id).put("chainPem", chain),
                ADMIN)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("READY"))
                .andExpect(jsonPath("$.origin").value("CSR"))
                .andExpect(jsonPath("$.details.issuer").value("CN=Bulwark Test CA"))
                .andExpect(jsonPath("$.details.chainLength").value(2));
        mvc.perform(get("/api/v1/certificates/" + id + "/csr").with(ADMIN)).andExpect(status().isConflict());
    }

    @Test
    void refusesACaAnswerForAnotherKey() throws Exception {
        String id = body(postJson("/api/v1/certificates/csr", JSON.createObjectNode().put("commonName", "mx3.example.com"),
                ADMIN)).get("certificateId").asText();
        TestCa ca = new TestCa();
        CertificateTools.Imported other = ca.issue("mx3.example.com", TlsKeyType.RSA_2048, 30);
        postJson("/api/v1/certificates/import", JSON.createObjectNode().put("certificateId", id)
                .put("chainPem", CertificateTools.pem(other.chain())), ADMIN)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error", containsString("does not belong")));
    }

    @Test
    void importsPemWithAnEncryptedKeyAndPkcs12() throws Exception {
        TestCa ca = new TestCa();
        CertificateTools.Imported pem = ca.issue("mx4.example.com", TlsKeyType.EC_P256, 60);
        String encryptedKey = CertificateToolsTest.encryptedPem(pem.key(), "s3cret");
        ObjectNode request = JSON.createObjectNode().put("chainPem", CertificateTools.pem(pem.chain()))
                .put("keyPem", encryptedKey);
        postJson("/api/v1/certificates/import", request, ADMIN)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error", containsString("password")));
        postJson("/api/v1/certificates/import", request.put("keyPassword", "s3cret"), ADMIN)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.origin").value("IMPORTED"))
                .andExpect(jsonPath("$.details.keyAlgorithm").value("EC P-256"));

        CertificateTools.Imported p12 = ca.issue("mx5.example.com", TlsKeyType.RSA_2048, 60);
        postJson("/api/v1/certificates/import", JSON.createObjectNode()
                .put("pkcs12", Base64.getEncoder().encodeToString(TestCa.pkcs12(p12, "pw".toCharArray())))
                .put("password", "pw"), ADMIN)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.details.subject").value("CN=mx5.example.com"));
        postJson("/api/v1/certificates/import", JSON.createObjectNode()
                .put("pkcs12", Base64.getEncoder().encodeToString(TestCa.pkcs12(p12, "pw".toCharArray())))
                .put("password", "wrong"), ADMIN)
                .andExpect(status().isBadRequest());
        postJson("/api/v1/certificates/import", JSON.createObjectNode().put("chainPem", "garbage").put("keyPem", "x"),
                ADMIN).andExpect(status().isBadRequest());
    }

    @Test
    void activatesThenRefusesToDeleteTheActiveOneAndDeletesTheOther() throws Exception {
        String first = selfSigned("mx6.example.com");
        String second = selfSigned("mx7.example.com");
        mvc.perform(post("/api/v1/certificates/" + first + "/activate").with(ADMIN))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACTIVE"));
        mvc.perform(post("/api/v1/certificates/" + second + "/activate").with(ADMIN))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACTIVE"));
        mvc.perform(delete("/api/v1/certificates/" + second).with(ADMIN))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.error", containsString("in use")));
        String keyId = database.getCollection(TlsKeyVault.COLLECTION).find(new Document("certificateId", first))
                .first().getString("_id");
        mvc.perform(delete("/api/v1/certificates/" + first).with(ADMIN)).andExpect(status().isNoContent());
        assertThat(database.getCollection(TlsKeyVault.COLLECTION).find(new Document("_id", keyId)).first()).isNull();
        assertThat(payloads()).anySatisfy(p -> assertThat(p).isInstanceOfSatisfying(CertificateActivatedEvent.class,
                a -> assertThat(a.previousId()).isEqualTo(first)));
    }

    @Test
    void onlyAdministratorsChangeCertificates() throws Exception {
        postJson("/api/v1/certificates/self-signed", JSON.createObjectNode().put("commonName", "x.example.com"),
                HELPDESK).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/certificates/any/activate").with(HELPDESK)).andExpect(status().isForbidden());
        mvc.perform(delete("/api/v1/certificates/any").with(HELPDESK)).andExpect(status().isForbidden());
    }

    @Test
    void refusesBadNamesAndValidity() throws Exception {
        postJson("/api/v1/certificates/self-signed", JSON.createObjectNode().put("commonName", "mx.example.com")
                .put("validityDays", 5000), ADMIN).andExpect(status().isBadRequest());
        postJson("/api/v1/certificates/self-signed", JSON.createObjectNode().put("commonName", "mx.example.com")
                .set("subjectAltNames", JSON.createArrayNode().add("bad name")), ADMIN)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error", containsString("bad name")));
        postJson("/api/v1/certificates/self-signed", "{}", ADMIN).andExpect(status().isBadRequest());
    }

    @Test
    void keysAreStoredSealedAndNeverInEvents() throws Exception {
        TestCa ca = new TestCa();
        CertificateTools.Imported imported = ca.issue("mx8.example.com", TlsKeyType.RSA_2048, 60);
        String keyPem = CertificateTools.pem(imported.key());
        String id = body(postJson("/api/v1/certificates/import", JSON.createObjectNode()
                .put("chainPem", CertificateTools.pem(imported.chain())).put("keyPem", keyPem), ADMIN)
                .andExpect(status().isCreated())).get("certificateId").asText();
        String keyBase64 = Base64.getEncoder().encodeToString(imported.key().getEncoded());
        String keyBody = keyPem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        for (Object payload : payloads()) {
            String json = JSON.writeValueAsString(payload);
            assertThat(json).doesNotContain(keyBody).doesNotContain(keyBase64.substring(0, 40));
        }
        Document stored = database.getCollection(TlsKeyVault.COLLECTION).find(new Document("certificateId", id)).first();
        byte[] sealed = stored.get("sealedKey", Binary.class).getData();
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(imported.key().getEncoded(), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .substring(0, 40));
        assertThat(stored.toJson()).doesNotContain(keyBody);
    }

    private List<Object> payloads() {
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(null, false)) {
            return events.<Object>map(TrackedEventMessage::getPayload).toList();
        }
    }

}
