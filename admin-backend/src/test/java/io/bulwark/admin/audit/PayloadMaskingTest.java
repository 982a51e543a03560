package io.bulwark.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.events.Secret;
import io.bulwark.events.admin.AdminAccountCreatedEvent;
import io.bulwark.events.admin.AdminPasswordChangedEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadMaskingTest {

    private final ObjectMapper json = new ObjectMapper();

    /** A new event type, as a future change might add it: its secret is not called "passwordHash". */
    record WebhookRegisteredEvent(String url, @Secret String signingKeyMaterial, String clientSecret,
            List<Header> headers, Map<String, Header> byName) {
    }

    record Header(String name, @Secret String value) {
    }

    private JsonNode masked(Class<?> type, String payload) throws Exception {
        return PayloadMasking.mask(type.getName(), json.readTree(payload));
    }

    @Test
    void passwordHashesOfAccountEventsAreHiddenAndTheRestIsShown() throws Exception {
        JsonNode created = masked(AdminAccountCreatedEvent.class, """
                {"username":"admin","role":"AUDITOR","passwordHash":"$2a$10$abc","actor":"root","at":"2026-01-01T00:00:00Z"}""");
        JsonNode changed = masked(AdminPasswordChangedEvent.class, """
                {"username":"admin","passwordHash":"$2a$10$def","actor":"root","at":"2026-01-01T00:00:00Z"}""");

        assertThat(created.toString()).doesNotContain("$2a$10$");
        assertThat(changed.toString()).doesNotContain("$2a$10$");
        assertThat(created.path("passwordHash").asText()).isEqualTo("[hidden]");
        assertThat(created.path("username").asText()).isEqualTo("admin");
        assertThat(created.path("role").asText()).isEqualTo("AUDITOR");
    }

    @Test
    void dkimKeyEventsAreShownWholeToAuditorsTheyHoldNoSecret() throws Exception {
        JsonNode created = masked(io.bulwark.events.dkim.DkimKeyCreatedEvent.class, """
                {"keyId":"k1","domain":"example.com","selector":"s1","algorithm":"ed25519","origin":"GENERATED",
                 "dnsRecord":"v=DKIM1; k=ed25519; p=abc","signedHeaders":["From"],"canonicalization":null,
                 "signatureValidityDays":7,"actor":"admin","at":"2026-01-01T00:00:00Z"}""");
        JsonNode deleted = masked(io.bulwark.events.dkim.DkimKeyDeletedEvent.class, """
                {"keyId":"k1","domain":"example.com","selector":"s1","actor":"admin","at":"2026-01-01T00:00:00Z"}""");

        assertThat(created.toString()).doesNotContain("[hidden]");
        assertThat(deleted.toString()).doesNotContain("[hidden]");
        assertThat(created.path("dnsRecord").asText()).isEqualTo("v=DKIM1; k=ed25519; p=abc");
        assertThat(deleted.path("actor").asText()).isEqualTo("admin");
    }

    @Test
    void aNewEventTypesAnnotatedSecretIsHiddenWhateverItsNameAtAnyDepth() throws Exception {
        JsonNode payload = masked(WebhookRegisteredEvent.class, """
                {"url":"https://siem.example/hook","signingKeyMaterial":"k-123","clientSecret":"c-456",
                 "headers":[{"name":"X-Auth","value":"v-789"}],"byName":{"auth":{"name":"X-Auth","value":"v-000"}}}""");

        assertThat(payload.toString()).doesNotContain("k-123", "c-456", "v-789", "v-000");
        assertThat(payload.path("signingKeyMaterial").asText()).isEqualTo("[hidden]");
        assertThat(payload.path("headers").get(0).path("value").asText()).isEqualTo("[hidden]");
        assertThat(payload.path("url").asText()).isEqualTo("https://siem.example/hook");
        assertThat(payload.path("headers").get(0).path("name").asText()).isEqualTo("X-Auth");
        assertThat(payload.path("byName").path("auth").path("name").asText()).isEqualTo("X-Auth");
    }

    @Test
    void aCredentialLikeNameIsHiddenEvenWhenTheAnnotationWasForgotten() throws Exception {
        JsonNode payload = masked(WebhookRegisteredEvent.class, """
                {"url":"u","clientSecret":"c-456"}""");

        assertThat(payload.path("clientSecret").asText()).isEqualTo("[hidden]");
    }

    @Test
    void fieldsTheClassDoesNotDeclareAndTypesThisNodeCannotLoadAreHidden() throws Exception {
        JsonNode newerRevision = masked(AdminAccountCreatedEvent.class, """
                {"username":"admin","recoveryCode":"r-1"}""");
        JsonNode unknownType = PayloadMasking.mask("io.bulwark.events.FromTheFutureEvent",
                json.readTree("{\"username\":\"admin\",\"apiKey\":\"a-1\"}"));

        assertThat(newerRevision.path("recoveryCode").asText()).isEqualTo("[hidden]");
        assertThat(newerRevision.path("username").asText()).isEqualTo("admin");
        assertThat(unknownType.toString()).doesNotContain("a-1", "admin");
    }
}
