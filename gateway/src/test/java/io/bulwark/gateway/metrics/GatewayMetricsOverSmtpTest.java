package io.bulwark.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.gateway.support.SinkServer;
import io.bulwark.gateway.support.SmtpTestClient;
import io.bulwark.gateway.support.TestGateway;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A message through a real gateway moves the meters an administrator watches: received, scanned per
 * module, delivered, one delivery attempt, event store appends. The registry is the one a node's
 * actuator provides; here a simple in-memory one.
 */
class GatewayMetricsOverSmtpTest {
    @TempDir
    Path data;

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    private static double count(MeterRegistry registry, String name, String tag, String value) {
        var counter = registry.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aDeliveredMessageIsCountedReceivedScannedAndDelivered() throws Exception {
        try (SinkServer sink = SinkServer.start(0);
                TestGateway gateway = TestGateway.start(data, List.of(Registry.class),
                        "bulwark.routing.relay-domains=dest.test",
                        "bulwark.routing.transport-map.dest.test=[127.0.0.1]:" + sink.port())) {
            MeterRegistry registry = gateway.bean(MeterRegistry.class);
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.send("a@sender.test", "b@dest.test",
                        "Subject: counted\r\n\r\nhello\r\n.\r\n")).startsWith("250");
            }
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    count(registry, "bulwark.messages", "disposition", "delivered") == 1);

            assertThat(count(registry, "bulwark.messages", "disposition", "received")).isEqualTo(1);
            assertThat(count(registry, "bulwark.delivery.attempts", "result", "delivered")).isEqualTo(1);
            assertThat(count(registry, "bulwark.messages", "disposition", "bounced")).isZero();
            assertThat(registry.find("bulwark.scan").timers()).isNotEmpty()
                    .allSatisfy(t -> assertThat(t.count()).isEqualTo(1));
            assertThat(registry.find("bulwark.scan.verdicts").counters()).isNotEmpty();
            assertThat(registry.get("bulwark.event.store.append").timer().count()).isGreaterThanOrEqualTo(3);
        }
    }
}
