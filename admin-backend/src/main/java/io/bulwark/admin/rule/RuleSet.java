package io.bulwark.admin.rule;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.bulwark.events.rule.CopyRuleCommand;
import io.bulwark.events.rule.CreateRuleCommand;
import io.bulwark.events.rule.DeleteRuleCommand;
import io.bulwark.events.rule.DisableRuleCommand;
import io.bulwark.events.rule.EditRuleCommand;
import io.bulwark.events.rule.EnableRuleCommand;
import io.bulwark.events.rule.MoveRuleCommand;
import io.bulwark.events.rule.RecipientCriteria;
import io.bulwark.events.rule.RuleCopiedEvent;
import io.bulwark.events.rule.RuleCreatedEvent;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleDeletedEvent;
import io.bulwark.events.rule.RuleDisabledEvent;
import io.bulwark.events.rule.RuleEditedEvent;
import io.bulwark.events.rule.RuleEnabledEvent;
import io.bulwark.events.rule.RuleEntry;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.RuleListProjection;
import io.bulwark.events.rule.RuleMovedEvent;
import io.bulwark.events.rule.RulePresets;
import io.bulwark.events.rule.RuleSetIds;
import io.bulwark.events.rule.RuleSetInitializedEvent;
import io.bulwark.events.rule.SenderCriteria;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * All message processing rules, as <em>one</em> event-sourced aggregate (identifier
 * {@value RuleSetIds#RULES}).
 *
 * <p>Why one aggregate and not one per rule: the invariants span all rules. Names are unique, the
 * positions form one dense order (a new rule goes to the top and pushes every other rule down; a
 * move renumbers the rules in between), and the Default rule stays last. With one aggregate per
 * rule, two administrators creating "Sales" at the same time, or moving two rules to position 0,
 * would both succeed and leave duplicates or a broken order; the aggregate is the consistency
 * boundary that serialises those changes. A rule set is small (tens, at most hundreds of rules) and
 * changes rarely, so one event stream costs nothing in contention or replay time.
 *
 * <p>Every command uses {@code CREATE_IF_MISSING}: the first command ever sent creates the rule set
 * and emits {@link RuleSetInitializedEvent} with the presets (AllowList, DenyList, Default) before
 * its own event, so no separate bootstrap step is needed. Command handlers validate, then apply;
 * event-sourcing handlers only fold the event into the list through {@link RuleListProjection}, the
 * very class the console and the gateway use, so all three agree on the order. Timestamps come from
 * Axon's event clock so that test fixtures control them.
 *
 * <p>Definitions are stored {@linkplain RuleDefinition#complete complete} (rule events revision 2):
 * what a command leaves out is written with today's factory value, so that a later change of a
 * default never changes what a stored rule does.
 *
 * <p>Commands route by {@code targetId()} through the resolver bean named
 * {@code aggregateCommandTargetResolver}. Instances are confined to one unit of work at a time by
 * Axon's repository locking.
 */
@Aggregate(commandTargetResolver = "aggregateCommandTargetResolver")
public class RuleSet {

    @AggregateIdentifier
    private String id;
    private RuleListProjection rules = new RuleListProjection();

    /** For Axon: instances are rebuilt from events. */
    protected RuleSet() {
    }

    /** Creates a rule at the top. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateRuleCommand command) {
        RuleDefinitionValidator.requireActor(command.actor());
        RuleDefinitionValidator.requireRuleId(command.ruleId());
        RuleDefinitionValidator.validate(command.definition());
        requireNewId(command.ruleId());
        requireFreeName(command.definition().name(), null);
        initializeIfNew(command.actor());
        apply(new RuleCreatedEvent(command.ruleId(), command.definition().complete(), 0, command.actor(), now()));
    }

    /** Copies a rule to the top, disabled, under a new name. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CopyRuleCommand command) {
        RuleDefinitionValidator.requireActor(command.actor());
        RuleDefinitionValidator.requireRuleId(command.newRuleId());
        RuleEntry source = existing(command.sourceRuleId());
        RuleDefinitionValidator.requireName(command.newName());
        requireNewId(command.newRuleId());
        requireFreeName(command.newName(), null);
        RuleDefinition copy = source.definition().withName(command.newName().strip()).withEnabled(false).complete();
        initializeIfNew(command.actor());
        apply(new RuleCopiedEvent(source.ruleId(), command.newRuleId(), copy, 0, command.actor(), now()));
    }

    /**
     * Replaces a rule's settings. For the Default rule the name must stay "Default", it must stay
     * enabled, and its criteria are set to "everyone" whatever the command says: Default applies
     * to every sender-recipient pair that no other rule took.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(EditRuleCommand command) {
        RuleDefinitionValidator.requireActor(command.actor());
        RuleEntry rule = existing(command.ruleId());
        RuleDefinition definition = command.definition();
        if (rule.kind() == RuleKind.DEFAULT && definition != null) {
            if (!RulePresets.DEFAULT_NAME.equals(definition.name())) {
                throw new ProtectedRuleException("The Default rule cannot be renamed");
            }
            if (!definition.enabled()) {
                throw new ProtectedRuleException("The Default rule cannot be disabled");
            }
            definition = definition.withCriteria(SenderCriteria.anyone(), RecipientCriteria.anyone());
        }
        RuleDefinitionValidator.validate(definition);
        requireFreeName(definition.name(), rule.ruleId());
        definition = definition.complete();
        // the stored definition completed too: an option added after it was saved (with a default
        // that keeps its meaning) is no change
        if (definition.equals(rule.definition().complete())) {
            return;
        }
        initializeIfNew(command.actor());
        apply(new RuleEditedEvent(rule.ruleId(), definition, command.actor(), now()));
    }

    /** Switches a rule on; a no-op when it is on already. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(EnableRuleCommand command) {
        RuleDefinitionValidator.requireActor(command.actor());
        RuleEntry rule = existing(command.ruleId());
        if (rule.enabled()) {
            initializeIfNew(command.actor());
            return;
        }
        RuleDefinitionValidator.requireCriteria(rule.definition());
        initializeIfNew(command.actor());
        apply(new RuleEnabledEvent(rule.ruleId(), command.actor(), now()));
    }

    /** Switches a rule off; a no-op when it is off already. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DisableRuleCommand command) {
        RuleDefinitionValidator.requireActor(command.actor());
        RuleEntry rule = existing(command.ruleId());
        if (rule.kind() == RuleKind.DEFAULT) {
            throw new ProtectedRuleException("The Default rule cannot be disabled");
        }
        initializeIfNew(command.actor());
        if (rule.enabled()) {
            apply(new RuleDisabledEvent(rule.ruleId(), command.actor(), now()));
        }
    }

    /** Moves a rule; positions run from 0 (top) to the one just above Default. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(MoveRuleCommand command) {
        RuleDefinitionValidator.requireActor(command.actor());
        RuleEntry rule = existing(command.ruleId());
        if (rule.kind() == RuleKind.DEFAULT) {
            throw new ProtectedRuleException("The Default rule is always last and cannot be moved");
        }
        int lastMovable = rules.size() - 2;
        if (command.toPosition() < 0 || command.toPosition() > lastMovable) {
            throw new InvalidRuleCommandException("Position " + command.toPosition() + " is outside 0.."
                    + lastMovable + " (the Default rule stays last)");
        }
        initializeIfNew(command.actor());
        int from = rules.positionOf(rule.ruleId());
        if (from != command.toPosition()) {
            apply(new RuleMovedEvent(rule.ruleId(), from, command.toPosition(), command.actor(), now()));
        }
    }

    /** Deletes a rule (any but Default, presets included). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DeleteRuleCommand command) {
        RuleDefinitionValidator.requireActor(command.actor());
        RuleEntry rule = existing(command.ruleId());
        if (rule.kind() == RuleKind.DEFAULT) {
            throw new ProtectedRuleException("The Default rule cannot be deleted");
        }
        initializeIfNew(command.actor());
        apply(new RuleDeletedEvent(rule.ruleId(), rule.name(), command.actor(), now()));
    }

    @EventSourcingHandler
    void on(RuleSetInitializedEvent event) {
        id = RuleSetIds.RULES;
        rules.apply(event);
    }

    @EventSourcingHandler
    void on(RuleCreatedEvent event) {
        rules.apply(event);
    }

    @EventSourcingHandler
    void on(RuleCopiedEvent event) {
        rules.apply(event);
    }

    @EventSourcingHandler
    void on(RuleEditedEvent event) {
        rules.apply(event);
    }

    @EventSourcingHandler
    void on(RuleEnabledEvent event) {
        rules.apply(event);
    }

    @EventSourcingHandler
    void on(RuleDisabledEvent event) {
        rules.apply(event);
    }

    @EventSourcingHandler
    void on(RuleMovedEvent event) {
        rules.apply(event);
    }

    @EventSourcingHandler
    void on(RuleDeletedEvent event) {
        rules.apply(event);
    }

    /**
     * The presets exist in {@link RuleListProjection} before any event, so validation above could
     * already see them; the event records them, once, for replays and for the audit log.
     */
    private void initializeIfNew(String actor) {
        if (id == null) {
            apply(new RuleSetInitializedEvent(RulePresets.initialRules(), actor, now()));
        }
    }

    private RuleEntry existing(String ruleId) {
        Optional<RuleEntry> rule = ruleId == null ? Optional.empty() : rules.find(ruleId);
        return rule.orElseThrow(() -> new UnknownRuleException("No rule with id '" + ruleId + "'"));
    }

    private void requireNewId(String ruleId) {
        if (rules.find(ruleId).isPresent()) {
            throw new InvalidRuleCommandException("A rule with id '" + ruleId + "' already exists");
        }
    }

    private void requireFreeName(String name, String exceptRuleId) {
        rules.findByName(name).filter(r -> !r.ruleId().equals(exceptRuleId)).ifPresent(r -> {
            throw new RuleNameTakenException(name.strip());
        });
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
