package io.bulwark.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token store that writes at once every token of a batch that handled events, and at most once
 * per interval the tokens of batches that only passed over events no handler of the processor
 * takes (ADR 0039).
 *
 * <p>Why: Axon's tracking processor stores its token after every batch, also when none of the
 * batch's events was for it; then it stores the token outside a unit of work. Every wake of the
 * node's seventeen processors by appended mail events made each of them write its token, most of
 * them for events they ignore (the licence, DKIM, antivirus or settings processors see only mail):
 * the largest item of the store's round trips per message (docs/benchmarks.md, "Store cost per
 * message"). A token that only moved over ignored events can wait: if the node dies before it is
 * written, the processor reads those events again after its restart and ignores them again.
 *
 * <p>What is kept:
 * <ul>
 * <li>A token stored inside a unit of work (its batch handled events) is written at once, before
 * the unit of work commits, exactly as without this class: a projection's state and its token stay
 * together.</li>
 * <li>A deferred token is written by the next call for its processor and segment once the interval
 * has passed, by {@link #extendClaim} (which then stores the token instead: that extends the claim
 * too), and before {@link #releaseClaim}, {@link #fetchToken} or {@link #deleteToken}. The claim
 * therefore never goes longer than the interval plus one batch without being extended: keep the
 * interval well below the claim timeout (Axon's default 10 s).</li>
 * <li>A processor's first token write after its claim was released (a reset of its tokens, which
 * needs the processor stopped) is written at once.</li>
 * </ul>
 *
 * <p>Idle claim extensions (Axon extends a segment's claim after every second without events) reach
 * the store at most once per claim-extension interval ({@code bulwark.store.claim-extension-interval},
 * 3 s) counted from the key's last write of any kind: 17 processors extending once a second each were
 * the largest item of an idle node's store commands (docs/benchmarks.md, "What the store examines").
 * Keep that interval well below the claim timeout (10 s) too: another node may take a claim not
 * extended for that long.
 *
 * <p>An interval of zero writes every token at once. Thread-safe: the calls for one processor and
 * segment are serialized on its state.
 */
public final class CoalescingTokenStore implements TokenStore {

    private static final Logger log = LoggerFactory.getLogger(CoalescingTokenStore.class);

    private final TokenStore delegate;
    private final long intervalNanos;
    private final long claimExtensionNanos;
    private final LongSupplier nanoClock;
    private final Map<Key, State> states = new ConcurrentHashMap<>();

    public CoalescingTokenStore(TokenStore delegate, Duration interval, Duration claimExtensionInterval) {
        this(delegate, interval, claimExtensionInterval, System::nanoTime);
    }

    CoalescingTokenStore(TokenStore delegate, Duration interval, Duration claimExtensionInterval,
            LongSupplier nanoClock) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("bulwark.store.token-write-interval must not be negative");
        }
        if (claimExtensionInterval.isNegative()) {
            throw new IllegalArgumentException("bulwark.store.claim-extension-interval must not be negative");
        }
        this.delegate = delegate;
        this.intervalNanos = interval.toNanos();
        this.claimExtensionNanos = claimExtensionInterval.toNanos();
        this.nanoClock = nanoClock;
    }

    /** The store this one writes through. */
    public TokenStore delegate() {
        return delegate;
    }

    private record Key(String processor, int segment) {
    }

    /** What this node last wrote for one processor and segment, and the token it still owes. */
    private static final class State {
        long lastWrite;
        TrackingToken pending;
        boolean hasPending;
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) throws UnableToClaimTokenException {
        Key key = new Key(processorName, segment);
        State state = states.get(key);
        if (state == null || intervalNanos == 0 || CurrentUnitOfWork.isStarted()) {
            write(key, token);
            return;
        }
        synchronized (state) {
            long now = nanoClock.getAsLong();
            if (now - state.lastWrite >= intervalNanos) {
                delegate.storeToken(token, processorName, segment);
                state.lastWrite = now;
                state.pending = null;
                state.hasPending = false;
            } else {
                state.pending = token;
                state.hasPending = true;
            }
        }
    }

    /** Writes {@code token} now, replacing any deferred one, and starts the key's interval. */
    private void write(Key key, TrackingToken token) {
        State state = states.computeIfAbsent(key, k -> new State());
        synchronized (state) {
            delegate.storeToken(token, key.processor(), key.segment());
            state.lastWrite = nanoClock.getAsLong();
            state.pending = null;
            state.hasPending = false;
        }
    }

    /** Writes the key's deferred token, if any; true when it did. */
    private boolean flush(Key key) {
        State state = states.get(key);
        if (state == null) {
            return false;
        }
        synchronized (state) {
            if (!state.hasPending) {
                return false;
            }
            delegate.storeToken(state.pending, key.processor(), key.segment());
            state.lastWrite = nanoClock.getAsLong();
            state.pending = null;
            state.hasPending = false;
            return true;
        }
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        Key key = new Key(processorName, segment);
        if (flush(key)) {
            return;
        }
        State state = states.get(key);
        if (state != null) {
            synchronized (state) {
                if (nanoClock.getAsLong() - state.lastWrite < claimExtensionNanos) {
                    return; // written recently enough: the claim is still fresh for every other node
                }
            }
        }
        delegate.extendClaim(processorName, segment);
        if (state != null) {
            synchronized (state) {
                state.lastWrite = nanoClock.getAsLong();
            }
        }
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        Key key = new Key(processorName, segment);
        flush(key);
        TrackingToken token = delegate.fetchToken(processorName, segment);
        claimed(key);
        return token;
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) throws UnableToClaimTokenException {
        Key key = new Key(processorName, segment.getSegmentId());
        flush(key);
        TrackingToken token = delegate.fetchToken(processorName, segment);
        claimed(key);
        return token;
    }

    /** The claim was just taken or extended by the delegate: the key's interval starts now. */
    private void claimed(Key key) {
        State state = states.computeIfAbsent(key, k -> new State());
        synchronized (state) {
            state.lastWrite = nanoClock.getAsLong();
        }
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        Key key = new Key(processorName, segment);
        try {
            flush(key);
        } catch (UnableToClaimTokenException e) {
            // another node holds the segment now; what this node owed is that node's to redo
            log.debug("Deferred token of {} segment {} not written before release: {}", processorName, segment,
                    e.getMessage());
        } finally {
            states.remove(key);
        }
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        states.remove(new Key(processorName, segment));
        delegate.deleteToken(processorName, segment);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken)
            throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }
}
