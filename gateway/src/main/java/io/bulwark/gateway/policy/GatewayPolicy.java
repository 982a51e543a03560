package io.bulwark.gateway.policy;

import io.bulwark.events.settings.RoutingSettings;
import io.bulwark.events.settings.RoutingSettingsChangedEvent;
import io.bulwark.events.settings.SettingsChange;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.bulwark.events.dnslist.DnsListsProjection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.bulwark.events.rule.GlobalListsProjection;
import io.bulwark.events.rule.RuleListProjection;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gateway's runtime policy: the rule list, the global lists and the custom DNS lists, folded from the configuration
 * events with the same pure classes the admin side uses ({@link RuleListProjection},
 * {@link GlobalListsProjection}), published as an immutable {@link PolicySnapshot} that the DATA
 * stage reads once per message; and the mail routing recorded from the console
 * ({@link RoutingSettingsChangedEvent}, {@link #routing()}), which {@code routing.LiveRouting} turns
 * into the relay policy and router of the next connection and delivery; and the other settings
 * areas' last changes ({@link SettingsChange}: TLS policy, MTA, module switches, DNS;
 * {@link #recorded}), which {@code settings.LiveSettings} applies to the next session, delivery,
 * scan or lookup.
 *
 * <p>Events are applied with the sequence number they carry in their aggregate's stream (the rule
 * set and the global lists are one aggregate each), which makes the fold idempotent and lets the
 * feeder notice a missing event: {@link Applied#GAP} asks it to re-read the aggregate stream from
 * {@link #rulesVersion()} + 1 (or {@link #listsVersion()} + 1) before going on. The feeder
 * ({@code io.bulwark.gateway.config.PolicyEventHandler} in the application) calls
 * {@link #markReady()} once the state at start-up is loaded; until then {@link #isReady()} is false
 * and the SMTP side refuses to judge mail with a policy that may be incomplete.
 *
 * <p>Thread-safe: one writer at a time (methods that change state are synchronised), readers take
 * {@link #snapshot()} without locking (an {@link AtomicReference} swap), so a message is always
 * judged by one consistent version and a change applies to the next message read after the swap.
 */
public final class GatewayPolicy {
    /** Result of applying one event. */
    public enum Applied {
        /** Applied; the snapshot now includes it. */
        APPLIED,
        /** Already applied (a retried batch, or an event seen by both the initial load and the tracker). */
        DUPLICATE,
        /** An earlier event of the same stream is missing; nothing was applied. */
        GAP,
        /** Not a rule or list event. */
        IGNORED
    }

    private final AtomicReference<PolicySnapshot> current = new AtomicReference<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private RuleListProjection rules = new RuleListProjection();
    private GlobalListsProjection lists = new GlobalListsProjection();
    private long rulesVersion = -1;
    private long listsVersion = -1;
    private volatile RoutingSettings routing;
    private long routingVersion = -1;
    private DnsListsProjection dnsLists = new DnsListsProjection();
    private long dnsListsVersion = -1;
    private final List<Consumer<DnsListsProjection.View>> dnsListeners = new CopyOnWriteArrayList<>();
    /** The last change of each settings area after the routing (TLS policy, MTA, modules, DNS), by area id. */
    private final Map<String, SettingsChange<?>> areas = new ConcurrentHashMap<>();
    private final Map<String, Long> areaVersions = new HashMap<>();

    /** Starts with the presets and empty lists, as the admin side before its first event. */
    public GatewayPolicy() {
        publish();
    }

    /** The current policy: what the next message is judged by. */
    public PolicySnapshot snapshot() {
        return current.get();
    }

    /** Sequence number of the last applied rule set event; -1 before any. */
    public synchronized long rulesVersion() {
        return rulesVersion;
    }

    /** Sequence number of the last applied global lists event; -1 before any. */
    public synchronized long listsVersion() {
        return listsVersion;
    }

    /** Sequence number of the last applied routing settings event; -1 before any. */
    public synchronized long routingVersion() {
        return routingVersion;
    }

    /**
     * The routing recorded by the last {@link RoutingSettingsChangedEvent}, or null while none was
     * recorded (the node's properties apply then). Read without locking, per connection or delivery.
     */
    public RoutingSettings routing() {
        return routing;
    }

    /** Sequence number of the last applied change of the settings area {@code areaId}; -1 before any. */
    public synchronized long areaVersion(String areaId) {
        return areaVersions.getOrDefault(areaId, -1L);
    }

    /**
     * The settings of area {@code areaId} ({@code SettingsIds}) recorded by its last change, or null
     * while none was recorded (the node's properties apply then). Read without locking, per session,
     * delivery or lookup.
     */
    public <S> S recorded(String areaId, Class<S> type) {
        SettingsChange<?> last = areas.get(areaId);
        return last == null ? null : type.cast(last.settings());
    }

    /** Sequence number of the last applied DNS list event; -1 before any. */
    public synchronized long dnsListsVersion() {
        return dnsListsVersion;
    }

    /** The custom DNS lists (anti-spam) as the events say; not {@code configured} before any event. */
    public synchronized DnsListsProjection.View dnsLists() {
        return dnsLists.view();
    }

    /**
     * Calls {@code listener} with the DNS lists now (when some event configured them) and after each
     * change, on the thread that applied it.
     */
    public synchronized void onDnsLists(Consumer<DnsListsProjection.View> listener) {
        // synchronised with apply(): otherwise an event applied between adding the listener and
        // reading the view reached it twice
        dnsListeners.add(listener);
        DnsListsProjection.View now = dnsLists();
        if (now.configured()) {
            listener.accept(now);
        }
    }

    /**
     * Applies one configuration event.
     *
     * @param payload  the event payload (anything else is {@link Applied#IGNORED})
     * @param sequence its sequence number in its aggregate's stream
     */
    public synchronized Applied apply(Object payload, long sequence) {
        if (isRuleEvent(payload)) {
            if (sequence <= rulesVersion) {
                return Applied.DUPLICATE;
            }
            if (sequence > rulesVersion + 1) {
                return Applied.GAP;
            }
            rules.apply(payload);
            rulesVersion = sequence;
        } else if (isListEvent(payload)) {
            if (sequence <= listsVersion) {
                return Applied.DUPLICATE;
            }
            if (sequence > listsVersion + 1) {
                return Applied.GAP;
            }
            lists.apply(payload);
            listsVersion = sequence;
        } else if (payload instanceof RoutingSettingsChangedEvent changed) {
            if (sequence <= routingVersion) {
                return Applied.DUPLICATE;
            }
            if (sequence > routingVersion + 1) {
                return Applied.GAP;
            }
            routing = changed.settings();
            routingVersion = sequence;
        } else if (payload instanceof SettingsChange<?> change) {
            long version = areaVersion(change.areaId());
            if (sequence <= version) {
                return Applied.DUPLICATE;
            }
            if (sequence > version + 1) {
                return Applied.GAP;
            }
            areas.put(change.areaId(), change);
            areaVersions.put(change.areaId(), sequence);
            return Applied.APPLIED;
        } else if (isDnsListEvent(payload)) {
            if (sequence <= dnsListsVersion) {
                return Applied.DUPLICATE;
            }
            if (sequence > dnsListsVersion + 1) {
                return Applied.GAP;
            }
            dnsLists.apply(payload);
            dnsListsVersion = sequence;
            DnsListsProjection.View view = dnsLists.view();
            dnsListeners.forEach(l -> l.accept(view));
            return Applied.APPLIED;
        } else {
            return Applied.IGNORED;
        }
        publish();
        return Applied.APPLIED;
    }

    /** Back to the presets and empty lists (a rebuild from zero follows). Readiness is kept. */
    public synchronized void reset() {
        rules = new RuleListProjection();
        lists = new GlobalListsProjection();
        rulesVersion = -1;
        listsVersion = -1;
        routing = null;
        routingVersion = -1;
        dnsLists = new DnsListsProjection();
        dnsListsVersion = -1;
        areas.clear();
        areaVersions.clear();
        publish();
    }

    /** Whether the state at start-up has been loaded. */
    public boolean isReady() {
        return ready.getCount() == 0;
    }

    /** Declares the start-up state loaded; from now on messages may be judged. */
    public void markReady() {
        ready.countDown();
    }

    /**
     * Waits until the start-up state is loaded.
     *
     * @return whether it is
     */
    public boolean awaitReady(Duration timeout) {
        try {
            return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return isReady();
        }
    }

    /** Whether the payload belongs to the rule set's stream. */
    public static boolean isRuleEvent(Object payload) {
        return new RuleListProjection().apply(payload);
    }

    /** Whether the payload belongs to the global lists' stream. */
    public static boolean isListEvent(Object payload) {
        return new GlobalListsProjection().apply(payload);
    }

    /** Whether the payload belongs to the custom DNS lists' stream. */
    public static boolean isDnsListEvent(Object payload) {
        return new DnsListsProjection().apply(payload);
    }

    private void publish() {
        current.set(new PolicySnapshot(rules.rules(), lists.view()));
    }
}
