package io.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Wakes of the tracking processors: the first at once, the rest of a window merged, none lost. */
class CoalescingSignalTest {

    @Test
    void theFirstSignalWakesAtOnceAndTheRestOfTheWindowAreOneWake() {
        AtomicInteger wakes = new AtomicInteger();
        try (CoalescingSignal signal = new CoalescingSignal(wakes::incrementAndGet, Duration.ofHours(1))) {
            signal.run();
            assertThat(wakes).hasValue(1);
            for (int i = 0; i < 100; i++) {
                signal.run();
            }
            assertThat(wakes).as("merged into the wake due at the end of the window").hasValue(1);
            assertThat(signal.pending()).isTrue();
        }
    }

    @Test
    void aSignalWithinTheWindowIsNotLost() {
        AtomicInteger wakes = new AtomicInteger();
        try (CoalescingSignal signal = new CoalescingSignal(wakes::incrementAndGet, Duration.ofMillis(50))) {
            signal.run();
            signal.run();
            signal.run();
            await().atMost(Duration.ofSeconds(30)).until(() -> wakes.get() >= 2 && !signal.pending());
            assertThat(wakes.get()).as("three signals, at most one wake each").isLessThanOrEqualTo(3);
        }
    }

    @Test
    void aZeroWindowWakesOnEverySignal() {
        AtomicInteger wakes = new AtomicInteger();
        try (CoalescingSignal signal = new CoalescingSignal(wakes::incrementAndGet, Duration.ZERO)) {
            signal.run();
            signal.run();
            assertThat(wakes).hasValue(2);
        }
    }
}
