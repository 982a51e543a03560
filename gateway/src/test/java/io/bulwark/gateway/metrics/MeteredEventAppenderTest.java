package io.bulwark.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.events.message.MessageReceivedEvent;
import io.bulwark.events.message.MessageRef;
import io.bulwark.store.EventAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class MeteredEventAppenderTest {

    /** Records which of the two calls each append came through. */
    private static final class Recording implements EventAppender {
        final List<String> calls = new ArrayList<>();

        @Override
        public CompletableFuture<Void> append(List<? extends EventMessage<?>> events) {
            calls.add("append");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> appendAwaited(List<? extends EventMessage<?>> events) {
            calls.add("appendAwaited");
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void anAwaitedAppendStaysAwaitedThroughTheMetersAndIsCountedLikeAnyOther() throws Exception {
        Recording delegate = new Recording();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MeteredEventAppender metered = new MeteredEventAppender(delegate, registry);
        MessageRef ref = new MessageRef("Q1", "m@example.org", "a@example.org", List.of("b@example.org"), 10,
                "192.0.2.1", "node-1");
        List<EventMessage<?>> received = List.of(GenericEventMessage.asEventMessage(
                new MessageReceivedEvent(ref, "mx.example.org", null, null, "00", Instant.EPOCH)));

        metered.appendAwaited(received).get();
        metered.append(received).get();

        assertThat(delegate.calls).containsExactly("appendAwaited", "append");
        assertThat(registry.get("bulwark.messages").tag("disposition", "received").counter().count()).isEqualTo(2);
        assertThat(registry.get("bulwark.event.store.append").timer().count()).isEqualTo(2);
    }
}
