package io.bulwark.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.events.message.DeliveryDeferredEvent;
import io.bulwark.events.message.DeliveryTls;
import io.bulwark.events.message.MessageDeliveredEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.store.serialization.StoreSerializers;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TLS component added to the delivery events round-trips, and revision 1 payloads still read. */
class DeliveryEventSerializationTest {
    private static final MessageRef REF = new MessageRef("Q", "m@x", "a@b.test", List.of("c@d.test"), 10,
            "192.0.2.1", "n");
    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");
    private final ObjectMapper json = StoreSerializers.objectMapper();

    @Test
    void deliveredWithTlsRoundTripsAndARevisionOnePayloadReadsWithoutIt() throws Exception {
        MessageDeliveredEvent event = new MessageDeliveredEvent(REF, "mx[192.0.2.2]:25", "250 ok", AT,
                new DeliveryTls("verify", "TLSv1.3", "TLS_AES_256_GCM_SHA384", true));
        assertThat(json.readValue(json.writeValueAsString(event), MessageDeliveredEvent.class)).isEqualTo(event);

        String v1 = json.writeValueAsString(new MessageDeliveredEvent(REF, "hop", "250 ok", AT))
                .replace(",\"tls\":null", "");
        assertThat(v1).doesNotContain("tls");
        assertThat(json.readValue(v1, MessageDeliveredEvent.class).tls()).isNull();
    }

    @Test
    void deferredWithTlsRoundTrips() throws Exception {
        DeliveryDeferredEvent event = new DeliveryDeferredEvent(REF, "hop", "4.7.4 TLS is required", 1, AT, AT,
                DeliveryTls.plain("encrypt"));
        assertThat(json.readValue(json.writeValueAsString(event), DeliveryDeferredEvent.class)).isEqualTo(event);
    }
}
