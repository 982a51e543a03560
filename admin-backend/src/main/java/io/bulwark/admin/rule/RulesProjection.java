package io.bulwark.admin.rule;

import io.bulwark.events.query.rule.FindGlobalListsQuery;
import io.bulwark.events.query.rule.FindRuleQuery;
import io.bulwark.events.query.rule.FindRulesQuery;
import io.bulwark.events.query.rule.RuleView;
import io.bulwark.events.rule.DenyListActionChangedEvent;
import io.bulwark.events.rule.GlobalListEntryAddedEvent;
import io.bulwark.events.rule.GlobalListEntryRemovedEvent;
import io.bulwark.events.rule.GlobalListsProjection;
import io.bulwark.events.rule.GlobalListsView;
import io.bulwark.events.rule.RuleCopiedEvent;
import io.bulwark.events.rule.RuleCreatedEvent;
import io.bulwark.events.rule.RuleDeletedEvent;
import io.bulwark.events.rule.RuleDisabledEvent;
import io.bulwark.events.rule.RuleEditedEvent;
import io.bulwark.events.rule.RuleEnabledEvent;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleListProjection;
import io.bulwark.events.rule.RuleMovedEvent;
import io.bulwark.events.rule.RuleSetInitializedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * The rule list and the global lists as the console and the REST API read them, answering
 * {@link FindRulesQuery}, {@link FindRuleQuery} and {@link FindGlobalListsQuery}.
 *
 * <p>Kept in memory and folded by the very classes the aggregates and the gateway use
 * ({@link RuleListProjection}, {@link GlobalListsProjection}), so every reader sees the order the
 * aggregate enforces. A rule set is small (tens to hundreds of rules), so rebuilding it from the
 * events at every start costs nothing, and there is no collection that could drift from the
 * events. For that reason the processor {@value #PROCESSING_GROUP} is a tracking processor with an
 * <em>in-memory</em> token store (see {@link io.bulwark.admin.AdminBackendConfiguration}): each admin
 * node replays from zero on start and keeps its own copy, instead of sharing a token with other
 * nodes whose memory it cannot see.
 *
 * <p>Idempotent: each aggregate's events carry consecutive sequence numbers, and an event at or
 * below the sequence already applied (a batch that the processor retries) is ignored. The reset
 * handler returns to the state before any event, so a token reset rebuilds an identical model.
 *
 * <p>Thread-safe: one writer (the processor's thread), any number of readers; all access is
 * synchronised on the instance and readers get immutable snapshots. A query may ask for a minimum
 * version (the writer's own change); it then waits, at most {@link #MAX_WAIT}, for the processor
 * to apply it.
 */
@Component
@ProcessingGroup(RulesProjection.PROCESSING_GROUP)
public class RulesProjection {

    /** Processing group and processor name. */
    public static final String PROCESSING_GROUP = "admin-rules";
    /** Longest a query waits for the version it asks for before answering with what there is. */
    static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private RuleListProjection rules = new RuleListProjection();
    private GlobalListsProjection lists = new GlobalListsProjection();
    /** Sequence number of the last applied rule set event; -1 before any. */
    private long rulesVersion = -1;
    /** Sequence number of the last applied global lists event; -1 before any. */
    private long listsVersion = -1;

    @EventHandler
    void on(RuleSetInitializedEvent event, @SequenceNumber Long sequence) {
        applyRuleEvent(event, sequence);
    }

    @EventHandler
    void on(RuleCreatedEvent event, @SequenceNumber Long sequence) {
        applyRuleEvent(event, sequence);
    }

    @EventHandler
    void on(RuleCopiedEvent event, @SequenceNumber Long sequence) {
        applyRuleEvent(event, sequence);
    }

    @EventHandler
    void on(RuleEditedEvent event, @SequenceNumber Long sequence) {
        applyRuleEvent(event, sequence);
    }

    @EventHandler
    void on(RuleEnabledEvent event, @SequenceNumber Long sequence) {
        applyRuleEvent(event, sequence);
    }

    @EventHandler
    void on(RuleDisabledEvent event, @SequenceNumber Long sequence) {
        applyRuleEvent(event, sequence);
    }

    @EventHandler
    void on(RuleMovedEvent event, @SequenceNumber Long sequence) {
        applyRuleEvent(event, sequence);
    }

    @EventHandler
    void on(RuleDeletedEvent event, @SequenceNumber Long sequence) {
        applyRuleEvent(event, sequence);
    }

    @EventHandler
    void on(GlobalListEntryAddedEvent event, @SequenceNumber Long sequence) {
        applyListEvent(event, sequence);
    }

    @EventHandler
    void on(GlobalListEntryRemovedEvent event, @SequenceNumber Long sequence) {
        applyListEvent(event, sequence);
    }

    @EventHandler
    void on(DenyListActionChangedEvent event, @SequenceNumber Long sequence) {
        applyListEvent(event, sequence);
    }

    /** Back to the state before any event (the presets and empty lists), for a rebuild from zero. */
    @ResetHandler
    synchronized void reset() {
        rules = new RuleListProjection();
        lists = new GlobalListsProjection();
        rulesVersion = -1;
        listsVersion = -1;
    }

    /** The rules in matching order. */
    @QueryHandler
    public List<RuleView> find(FindRulesQuery query) {
        synchronized (this) {
            awaitVersion(() -> rulesVersion, query.minVersion());
            return views(rules.rules());
        }
    }

    /** The rule with the name (ignoring case), else the one with that identifier, else {@code null}. */
    @QueryHandler
    public RuleView find(FindRuleQuery query) {
        if (query.name() == null || query.name().isBlank()) {
            return null;
        }
        String wanted = query.name().strip();
        synchronized (this) {
            String id = rules.findByName(wanted).map(RuleEntry::ruleId).orElse(wanted);
            int position = rules.positionOf(id);
            return position < 0 ? null : RuleView.of(position, rules.rules().get(position));
        }
    }

    /** The global allow and deny lists. */
    @QueryHandler
    public GlobalListsView find(FindGlobalListsQuery query) {
        synchronized (this) {
            awaitVersion(() -> listsVersion, query.minVersion());
            return lists.view();
        }
    }

    private synchronized void applyRuleEvent(Object event, Long sequence) {
        long seq = sequence == null ? rulesVersion + 1 : sequence;
        if (seq <= rulesVersion) {
            return;
        }
        rules.apply(event);
        rulesVersion = seq;
        notifyAll();
    }

    private synchronized void applyListEvent(Object event, Long sequence) {
        long seq = sequence == null ? listsVersion + 1 : sequence;
        if (seq <= listsVersion) {
            return;
        }
        lists.apply(event);
        listsVersion = seq;
        notifyAll();
    }

    /** Called holding the monitor; {@code wait} releases it so the processor can apply events. */
    private void awaitVersion(LongSupplier current, long wanted) {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (current.getAsLong() < wanted) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                return;
            }
            try {
                wait(remainingMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static List<RuleView> views(List<RuleEntry> entries) {
        List<RuleView> views = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            views.add(RuleView.of(i, entries.get(i)));
        }
        return List.copyOf(views);
    }
}
