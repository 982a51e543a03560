package io.bulwark.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CredentialMaskingTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void passwordHashesAreHiddenAtAnyDepthAndEverythingElseIsKept() throws Exception {
        JsonNode payload = json.readTree("""
                {"username":"admin","passwordHash":"$2a$10$abc","nested":{"passwordHash":"$2a$10$def",
                 "list":[{"passwordHash":"$2a$10$ghi","role":"AUDITOR"}]}}""");

        JsonNode masked = EventStreamController.maskCredentials(payload);

        assertThat(masked.toString()).doesNotContain("$2a$10$");
        assertThat(masked.path("passwordHash").asText()).isEqualTo("[hidden]");
        assertThat(masked.path("nested").path("list").get(0).path("passwordHash").asText()).isEqualTo("[hidden]");
        assertThat(masked.path("username").asText()).isEqualTo("admin");
        assertThat(masked.path("nested").path("list").get(0).path("role").asText()).isEqualTo("AUDITOR");
    }
}
