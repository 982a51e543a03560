package io.bulwark.scan.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClientNameTest {

    @Test
    void looksUpOnlyWhenFirstAskedAndOnlyOnce() {
        AtomicInteger lookups = new AtomicInteger();
        ClientName name = ClientName.lookingUp(() -> {
            lookups.incrementAndGet();
            return Optional.of("mx.example.net");
        });

        assertThat(lookups).hasValue(0);
        assertThat(name.toString()).contains("not looked up");
        assertThat(name.name()).contains("mx.example.net");
        assertThat(name.name()).contains("mx.example.net");
        assertThat(lookups).hasValue(1);
    }

    @Test
    void parallelCallersShareOneLookup() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ClientName name = ClientName.lookingUp(() -> {
            lookups.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of("mx.example.net");
        });
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Optional<String>>> answers = List.of(executor.submit(name::name), executor.submit(name::name),
                    executor.submit(name::name));
            release.countDown();
            for (Future<Optional<String>> answer : answers) {
                assertThat(answer.get()).contains("mx.example.net");
            }
        }
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aFailingLookupMeansNoName() {
        ClientName name = ClientName.lookingUp(() -> {
            throw new IllegalStateException("resolver broken");
        });

        assertThat(name.name()).isEmpty();
    }

    @Test
    void anEnvelopeWithoutSessionFactsHasNoNameNoTlsAndIsNotTrusted() {
        Envelope envelope = new Envelope("a@example.net", List.of("b@corp.example"), "192.0.2.1", "mx");

        assertThat(envelope.clientName()).isEmpty();
        assertThat(envelope.encrypted()).isFalse();
        assertThat(envelope.isAuthenticated()).isFalse();
        assertThat(envelope.trusted()).isFalse();
    }
}
