package io.bulwark.store.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.events.admin.AdminLoginRecordedEvent;
import io.bulwark.store.serialization.StoreSerializers;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

public class AdminLoginUpcasterTest {
    private static final ObjectMapper JSON = StoreSerializers.objectMapper();
    private static final Instant AT = Instant.parse("2026-11-20T08:00:00Z");

    /** A login event as revision 1 stored it: username as typed, no word on whether the account existed. */
    public static JsonNode revisionOne(String username, boolean success) {
        return JSON.createObjectNode().put("payloadType", AdminLoginUpcaster.TYPE).put("payloadRevision", "1")
                .set("payload", JSON.createObjectNode().put("username", username).put("success", success)
                        .put("remoteAddress", "192.0.2.1").put("channel", "console").put("at", AT.toString()));
    }

    @Test
    void aRevisionOneSuccessNamesAKnownAccount() {
        List<Object> read = UpcasterHarness.deserialize(
                UpcasterHarness.upcast(new AdminLoginUpcaster(), List.of(revisionOne("admin", true))));

        assertThat(read).containsExactly(
                new AdminLoginRecordedEvent("admin", true, "192.0.2.1", "console", AT, false, false));
    }

    @Test
    void aRevisionOneFailureKeepsItsUsernameAndSaysTheAccountWasNotRecorded() {
        List<JsonNode> upcast = UpcasterHarness.upcast(new AdminLoginUpcaster(), List.of(revisionOne("hunter2", false)));

        assertThat(upcast.get(0).get("payloadRevision").asText()).isEqualTo("2");
        assertThat(UpcasterHarness.deserialize(upcast)).containsExactly(
                new AdminLoginRecordedEvent("hunter2", false, "192.0.2.1", "console", AT, null, false));
    }

    @Test
    void revisionTwoEventsPassUnchanged() throws Exception {
        JsonNode stored = JSON.createObjectNode().put("payloadType", AdminLoginUpcaster.TYPE).put("payloadRevision", "2")
                .set("payload", JSON.valueToTree(AdminLoginRecordedEvent.ofUnknownAccount("192.0.2.1", "api", AT, true)));

        assertThat(UpcasterHarness.upcast(new AdminLoginUpcaster(), List.of(stored))).containsExactly(stored);
    }
}
