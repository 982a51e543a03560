package io.bulwark.admin.rule;

import io.bulwark.events.query.rule.FindGlobalListsQuery;
import io.bulwark.events.query.rule.FindRuleQuery;
import io.bulwark.events.query.rule.FindRulesQuery;
import io.bulwark.events.query.rule.RuleView;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.AddGlobalListEntryCommand;
import io.bulwark.events.rule.CopyRuleCommand;
import io.bulwark.events.rule.CreateRuleCommand;
import io.bulwark.events.rule.DeleteRuleCommand;
import io.bulwark.events.rule.DisableRuleCommand;
import io.bulwark.events.rule.EditRuleCommand;
import io.bulwark.events.rule.EnableRuleCommand;
import io.bulwark.events.rule.GlobalListEntry;
import io.bulwark.events.rule.GlobalListKind;
import io.bulwark.events.rule.GlobalListsView;
import io.bulwark.events.rule.MoveRuleCommand;
import io.bulwark.events.rule.RemoveGlobalListEntryCommand;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleSetIds;
import io.bulwark.events.rule.SetDenyListActionCommand;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;

/**
 * Reads and changes the rules and the global lists through Axon's gateways, for the REST API and
 * the console alike, so both create identifiers and read their own writes the
 * same way. Authorisation is the caller's job (the API's filter chain, the console's client); the
 * caller passes the authenticated user as {@code actor}, which every command and event records.
 *
 * <p>Read-your-writes: the read model is updated asynchronously by a tracking processor, so after a
 * command this service asks the event store for the aggregate's last sequence number and queries
 * with that as the minimum version. A caller that saved a rule therefore sees it in the answer.
 *
 * <p>Refusals arrive as the aggregates throw them ({@link InvalidRuleCommandException} and its
 * subclasses {@link UnknownRuleException}, {@link RuleNameTakenException},
 * {@link ProtectedRuleException}); a read model that does not answer gives
 * {@link RulesUnavailableException}. Stateless and thread-safe.
 */
@Service
public class RuleAdministration {

    /** How long a caller waits for a command or a query. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final EventStore eventStore;

    public RuleAdministration(CommandGateway commandGateway, QueryGateway queryGateway, EventStore eventStore) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.eventStore = eventStore;
    }

    /** The rules in matching order (position 0 first, Default last). */
    public List<RuleView> rules() {
        return rules(-1);
    }

    /** The rule with the name (ignoring case) or, failing that, the identifier. */
    public Optional<RuleView> rule(String nameOrId) {
        return await(queryGateway.query(new FindRuleQuery(nameOrId), ResponseTypes.optionalInstanceOf(RuleView.class)));
    }

    /** The global allow and deny lists. */
    public GlobalListsView lists() {
        return lists(-1);
    }

    /** Creates a rule at the top; returns it as the read model now holds it. */
    public RuleView create(RuleDefinition definition, String actor) {
        String ruleId = UUID.randomUUID().toString();
        send(new CreateRuleCommand(ruleId, definition, actor));
        return ruleAfterWrite(ruleId);
    }

    /** Replaces a rule's settings; returns the rule. */
    public RuleView edit(String ruleId, RuleDefinition definition, String actor) {
        send(new EditRuleCommand(ruleId, definition, actor));
        return ruleAfterWrite(ruleId);
    }

    /** Copies a rule to the top, disabled, under a new name; returns the copy. */
    public RuleView copy(String ruleId, String newName, String actor) {
        String copyId = UUID.randomUUID().toString();
        send(new CopyRuleCommand(ruleId, copyId, newName, actor));
        return ruleAfterWrite(copyId);
    }

    /** Switches a rule on; returns it. */
    public RuleView enable(String ruleId, String actor) {
        send(new EnableRuleCommand(ruleId, actor));
        return ruleAfterWrite(ruleId);
    }

    /** Switches a rule off; returns it. */
    public RuleView disable(String ruleId, String actor) {
        send(new DisableRuleCommand(ruleId, actor));
        return ruleAfterWrite(ruleId);
    }

    /** Moves a rule to a position (0 = top); returns it. */
    public RuleView move(String ruleId, int position, String actor) {
        send(new MoveRuleCommand(ruleId, position, actor));
        return ruleAfterWrite(ruleId);
    }

    /** Deletes a rule; returns the remaining rules. */
    public List<RuleView> delete(String ruleId, String actor) {
        send(new DeleteRuleCommand(ruleId, actor));
        return rules(version(RuleSetIds.RULES));
    }

    /** Adds an entry to a list (no change when it is listed already); returns both lists. */
    public GlobalListsView addEntry(GlobalListKind list, GlobalListEntry entry, String actor) {
        send(new AddGlobalListEntryCommand(list, entry, actor));
        return lists(version(RuleSetIds.GLOBAL_LISTS));
    }

    /** Removes an entry from a list; returns both lists. */
    public GlobalListsView removeEntry(GlobalListKind list, GlobalListEntry entry, String actor) {
        send(new RemoveGlobalListEntryCommand(list, entry, actor));
        return lists(version(RuleSetIds.GLOBAL_LISTS));
    }

    /** Chooses REJECT or DELETE_MESSAGE for deny list hits; returns both lists. */
    public GlobalListsView setDenyAction(Action action, String actor) {
        send(new SetDenyListActionCommand(action, actor));
        return lists(version(RuleSetIds.GLOBAL_LISTS));
    }

    private List<RuleView> rules(long minVersion) {
        return await(queryGateway.query(new FindRulesQuery(minVersion), ResponseTypes.multipleInstancesOf(RuleView.class)));
    }

    private GlobalListsView lists(long minVersion) {
        return await(queryGateway.query(new FindGlobalListsQuery(minVersion), GlobalListsView.class));
    }

    private RuleView ruleAfterWrite(String ruleId) {
        return rules(version(RuleSetIds.RULES)).stream().filter(r -> r.ruleId().equals(ruleId)).findFirst()
                .orElseThrow(() -> new RulesUnavailableException("The rule list has not caught up with the change yet",
                        null));
    }

    /** Last sequence number of the aggregate's stream, -1 when it has none. */
    private long version(String aggregateId) {
        return eventStore.lastSequenceNumberFor(aggregateId).orElse(-1L);
    }

    private void send(Object command) {
        commandGateway.sendAndWait(command, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static <T> T await(CompletableFuture<T> answer) {
        try {
            return answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RulesUnavailableException("Interrupted while reading the rules", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RulesUnavailableException("The rules could not be read: " + e.getMessage(), e);
        }
    }
}
