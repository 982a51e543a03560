package io.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which token writes {@link CoalescingTokenStore} passes on at once and which it defers, with Axon's
 * in-memory token store behind it (recording each write) and a clock the test moves.
 */
class CoalescingTokenStoreTest {

    private static final String P = "projection";
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration CLAIM = Duration.ofSeconds(3);

    /** Axon's in-memory store, recording every write that reaches it. */
    static final class Recording extends InMemoryTokenStore {
        final List<String> writes = new CopyOnWriteArrayList<>();

        @Override
        public void storeToken(TrackingToken token, String processorName, int segment) {
            writes.add("store " + token.position().orElse(-1));
            super.storeToken(token, processorName, segment);
        }

        @Override
        public void extendClaim(String processorName, int segment) {
            writes.add("extend");
            super.extendClaim(processorName, segment);
        }
    }

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private Recording delegate;
    private CoalescingTokenStore store;

    @BeforeEach
    void claimed() {
        delegate = new Recording();
        store = new CoalescingTokenStore(delegate, INTERVAL, CLAIM, now::get);
        store.initializeTokenSegments(P, 1);
        store.fetchToken(P, 0);
        delegate.writes.clear();
    }

    private static TrackingToken at(long position) {
        return new GlobalSequenceTrackingToken(position);
    }

    private long stored() {
        return delegate.fetchToken(P, 0).position().orElse(-1);
    }

    @Test
    void tokensOfBatchesWithoutHandledEventsWaitForTheIntervalAndTheLastOneIsWritten() {
        store.storeToken(at(1), P, 0);
        store.storeToken(at(2), P, 0);
        now.addAndGet(INTERVAL.toNanos() / 2);
        store.storeToken(at(3), P, 0);

        assertThat(delegate.writes).isEmpty();

        now.addAndGet(INTERVAL.toNanos() / 2);
        store.storeToken(at(4), P, 0);

        assertThat(delegate.writes).containsExactly("store 4");
        assertThat(stored()).isEqualTo(4);
    }

    @Test
    void aTokenStoredInsideAUnitOfWorkIsWrittenAtOnceAndReplacesTheDeferredOne() {
        store.storeToken(at(1), P, 0);

        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("handled"))
                .execute(() -> store.storeToken(at(2), P, 0));

        assertThat(delegate.writes).containsExactly("store 2");
        now.addAndGet(CLAIM.toNanos());
        store.extendClaim(P, 0);
        assertThat(delegate.writes).containsExactly("store 2", "extend");
    }

    @Test
    void idleClaimExtensionsReachTheStoreOncePerClaimExtensionInterval() {
        for (int second = 1; second <= 7; second++) {
            now.addAndGet(Duration.ofSeconds(1).toNanos());
            store.extendClaim(P, 0);
        }
        assertThat(delegate.writes).as("at 3 s and 6 s after the claim was taken").containsExactly("extend", "extend");
    }

    @Test
    void aWrittenTokenCountsAsAClaimExtension() {
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("handled"))
                .execute(() -> store.storeToken(at(3), P, 0));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        store.extendClaim(P, 0);

        assertThat(delegate.writes).containsExactly("store 3");
    }

    @Test
    void anIdleClaimExtensionWritesTheDeferredTokenInstead() {
        store.storeToken(at(5), P, 0);

        store.extendClaim(P, 0);

        assertThat(delegate.writes).containsExactly("store 5");
        assertThat(stored()).isEqualTo(5);
    }

    @Test
    void releasingTheClaimWritesTheDeferredTokenFirstAndTheNextWriteGoesAtOnce() {
        store.storeToken(at(7), P, 0);

        store.releaseClaim(P, 0);

        assertThat(delegate.writes).containsExactly("store 7");
        // a reset of the stopped processor's tokens must not wait for any interval
        store.storeToken(at(0), P, 0);
        assertThat(delegate.writes).containsExactly("store 7", "store 0");
    }

    @Test
    void fetchingTheTokenAgainSeesTheDeferredOne() {
        store.storeToken(at(9), P, 0);

        assertThat(store.fetchToken(P, 0).position()).hasValue(9);
    }

    @Test
    void aZeroIntervalWritesEveryToken() {
        CoalescingTokenStore immediate = new CoalescingTokenStore(delegate, Duration.ZERO, Duration.ZERO, now::get);

        immediate.storeToken(at(1), P, 0);
        immediate.storeToken(at(2), P, 0);

        assertThat(delegate.writes).containsExactly("store 1", "store 2");
    }
}
