package io.bulwark.gateway.policy.tracking;

import io.bulwark.events.dnslist.DnsListAddedEvent;
import io.bulwark.events.dnslist.DnsListEditedEvent;
import io.bulwark.events.dnslist.DnsListIds;
import io.bulwark.events.dnslist.DnsListRemovedEvent;
import io.bulwark.events.dnslist.DnsListsSeededEvent;
import io.bulwark.events.rule.DenyListActionChangedEvent;
import io.bulwark.events.rule.GlobalListEntryAddedEvent;
import io.bulwark.events.rule.GlobalListEntryRemovedEvent;
import io.bulwark.events.rule.RuleCopiedEvent;
import io.bulwark.events.rule.RuleCreatedEvent;
import io.bulwark.events.rule.RuleDeletedEvent;
import io.bulwark.events.rule.RuleDisabledEvent;
import io.bulwark.events.rule.RuleEditedEvent;
import io.bulwark.events.rule.RuleEnabledEvent;
import io.bulwark.events.rule.RuleMovedEvent;
import io.bulwark.events.rule.RuleSetIds;
import io.bulwark.events.rule.RuleSetInitializedEvent;
import io.bulwark.events.settings.RoutingSettingsChangedEvent;
import io.bulwark.events.settings.SettingsChange;
import io.bulwark.events.settings.SettingsIds;
import io.bulwark.gateway.policy.GatewayPolicy;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the gateway's {@link GatewayPolicy} from the event store, in the tracking processor
 * {@value #PROCESSING_GROUP}. Every gateway node must hold the whole policy, so the processor has
 * an <em>in-memory</em> token store (see {@link GatewayPolicyTrackingConfiguration}): a shared
 * Mongo token would let one node claim the segment and leave the others without rules.
 *
 * <p>Start-up without replaying the whole stream: a gateway's event store holds every message
 * event ever, while the policy comes from two small aggregate streams. So the processor's initial
 * token is computed by {@link #startingPoint}: it takes the head of the global stream, loads both
 * aggregate streams ({@link RuleSetIds#RULES}, {@link RuleSetIds#GLOBAL_LISTS}, the routing settings
 * {@link SettingsIds#ROUTING} and the other settings areas ({@link #AREAS}), the custom DNS lists' {@link DnsListIds#AGGREGATE}) with constant-time
 * aggregate reads, marks the policy ready, and lets the processor track from
 * {@value #REPLAY_WINDOW} events before that head. Events seen twice (by the load and by the
 * tracker) are skipped by their sequence numbers; the window covers events that were being
 * inserted, with a lower global index, while the head was read. Should the tracker still meet an
 * event whose predecessor it never saw ({@link GatewayPolicy.Applied#GAP}), the aggregate stream
 * is read again from the last applied sequence number: the aggregate stream is the truth.
 *
 * <p>Thread-safety: called by the processor's single thread and, once, by its work launcher;
 * {@link GatewayPolicy} serialises them.
 */
@ProcessingGroup(PolicyEventHandler.PROCESSING_GROUP)
public class PolicyEventHandler {
    /** Processing group and processor name; the same on every node, tokens are per node (in memory). */
    public static final String PROCESSING_GROUP = "gateway-policy";
    /** Global-stream events re-read before the head at start-up (see the class comment). */
    static final long REPLAY_WINDOW = 1_000;
    /** The settings areas whose changes implement {@link SettingsChange}. */
    static final List<String> AREAS = List.of(SettingsIds.TLS_POLICY, SettingsIds.MTA, SettingsIds.MODULES,
            SettingsIds.DNS);
    private static final Logger log = LoggerFactory.getLogger(PolicyEventHandler.class);

    private final GatewayPolicy policy;
    private final Supplier<EventStore> eventStore;

    public PolicyEventHandler(GatewayPolicy policy, Supplier<EventStore> eventStore) {
        this.policy = policy;
        this.eventStore = eventStore;
    }

    /**
     * The processor's initial token: loads the policy from the aggregate streams, marks it ready,
     * and returns where tracking starts (shortly before the head read first).
     */
    public TrackingToken startingPoint(StreamableMessageSource<TrackedEventMessage<?>> source) {
        TrackingToken head = source.createHeadToken();
        loadFrom(RuleSetIds.RULES, policy.rulesVersion() + 1);
        loadFrom(RuleSetIds.GLOBAL_LISTS, policy.listsVersion() + 1);
        loadFrom(SettingsIds.ROUTING, policy.routingVersion() + 1);
        loadFrom(DnsListIds.AGGREGATE, policy.dnsListsVersion() + 1);
        for (String area : AREAS) {
            loadFrom(area, policy.areaVersion(area) + 1);
        }
        policy.markReady();
        log.info("gateway policy loaded: {} rules (rule set version {}, lists version {})",
                policy.snapshot().rules().size(), policy.rulesVersion(), policy.listsVersion());
        if (head instanceof GapAwareTrackingToken gapAware) {
            long start = gapAware.getIndex() - REPLAY_WINDOW;
            return start < 1 ? null : GapAwareTrackingToken.newInstance(start, List.of());
        }
        // Another token type (tests on Axon's in-memory engine): no concurrent inserts to cover.
        return head;
    }

    @EventHandler
    void on(RuleSetInitializedEvent event, @SequenceNumber Long sequence) {
        apply(RuleSetIds.RULES, event, sequence);
    }

    @EventHandler
    void on(RuleCreatedEvent event, @SequenceNumber Long sequence) {
        apply(RuleSetIds.RULES, event, sequence);
    }

    @EventHandler
    void on(RuleCopiedEvent event, @SequenceNumber Long sequence) {
        apply(RuleSetIds.RULES, event, sequence);
    }

    @EventHandler
    void on(RuleEditedEvent event, @SequenceNumber Long sequence) {
        apply(RuleSetIds.RULES, event, sequence);
    }

    @EventHandler
    void on(RuleEnabledEvent event, @SequenceNumber Long sequence) {
        apply(RuleSetIds.RULES, event, sequence);
    }

    @EventHandler
    void on(RuleDisabledEvent event, @SequenceNumber Long sequence) {
        apply(RuleSetIds.RULES, event, sequence);
    }

    @EventHandler
    void on(RuleMovedEvent event, @SequenceNumber Long sequence) {
        apply(RuleSetIds.RULES, event, sequence);
    }

    @EventHandler
    void on(RuleDeletedEvent event, @SequenceNumber Long sequence) {
        apply(RuleSetIds.RULES, event, sequence);
    }

    @EventHandler
    void on(GlobalListEntryAddedEvent event, @SequenceNumber Long sequence) {
        apply(RuleSetIds.GLOBAL_LISTS, event, sequence);
    }

    @EventHandler
    void on(GlobalListEntryRemovedEvent event, @SequenceNumber Long sequence) {
        apply(RuleSetIds.GLOBAL_LISTS, event, sequence);
    }

    @EventHandler
    void on(DenyListActionChangedEvent event, @SequenceNumber Long sequence) {
        apply(RuleSetIds.GLOBAL_LISTS, event, sequence);
    }

    @EventHandler
    void on(RoutingSettingsChangedEvent event, @SequenceNumber Long sequence) {
        apply(SettingsIds.ROUTING, event, sequence);
    }

    @EventHandler
    void on(SettingsChange<?> event, @SequenceNumber Long sequence) {
        apply(event.areaId(), event, sequence);
    }

    @EventHandler
    void on(DnsListsSeededEvent event, @SequenceNumber Long sequence) {
        apply(DnsListIds.AGGREGATE, event, sequence);
    }

    @EventHandler
    void on(DnsListAddedEvent event, @SequenceNumber Long sequence) {
        apply(DnsListIds.AGGREGATE, event, sequence);
    }

    @EventHandler
    void on(DnsListEditedEvent event, @SequenceNumber Long sequence) {
        apply(DnsListIds.AGGREGATE, event, sequence);
    }

    @EventHandler
    void on(DnsListRemovedEvent event, @SequenceNumber Long sequence) {
        apply(DnsListIds.AGGREGATE, event, sequence);
    }

    /** A token reset replays from where it points; the fold starts again from the presets. */
    @ResetHandler
    void reset() {
        policy.reset();
    }

    private void apply(String aggregateId, Object event, Long sequence) {
        if (sequence == null) {
            // Only domain events carry a sequence; the configuration aggregates publish nothing else.
            log.warn("ignoring {} without a sequence number", event.getClass().getSimpleName());
            return;
        }
        if (policy.apply(event, sequence) == GatewayPolicy.Applied.GAP) {
            long from = switch (aggregateId) {
                case RuleSetIds.RULES -> policy.rulesVersion();
                case RuleSetIds.GLOBAL_LISTS -> policy.listsVersion();
                case DnsListIds.AGGREGATE -> policy.dnsListsVersion();
                case SettingsIds.ROUTING -> policy.routingVersion();
                default -> policy.areaVersion(aggregateId);
            } + 1;
            log.info("gateway policy: {} event {} arrived before {}; re-reading the aggregate stream", aggregateId,
                    sequence, from);
            loadFrom(aggregateId, from);
            policy.apply(event, sequence);
        }
    }

    private void loadFrom(String aggregateId, long firstSequence) {
        DomainEventStream stream = eventStore.get().readEvents(aggregateId, firstSequence);
        while (stream.hasNext()) {
            var message = stream.next();
            policy.apply(message.getPayload(), message.getSequenceNumber());
        }
    }
}
