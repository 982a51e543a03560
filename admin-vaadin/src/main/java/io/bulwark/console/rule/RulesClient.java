package io.bulwark.console.rule;

import io.bulwark.console.kit.Roles;
import io.bulwark.admin.rule.RuleAdministration;
import io.bulwark.admin.rule.RulePreviews;
import io.bulwark.events.query.rule.RuleView;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.GlobalListEntry;
import io.bulwark.events.rule.GlobalListKind;
import io.bulwark.events.rule.GlobalListsView;
import io.bulwark.events.rule.RuleDefinition;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The console's access to the rules and the global lists. Reads and writes go through the backend's
 * {@link RuleAdministration}, which sends commands and queries over Axon's gateways and waits for the
 * read model to show a change before answering, so a view that saved a rule lists it at once.
 *
 * <p>Every change is made in the name of the signed-in user (the command's actor) and is refused
 * here, on the server, unless that user is an ADMINISTRATOR: hiding buttons in the views is only a
 * convenience. HELPDESK and AUDITOR may read.
 *
 * <p>Refusals arrive as exceptions whose message is meant for the user:
 * {@link io.bulwark.admin.rule.InvalidRuleCommandException} (and subclasses) for invalid or
 * conflicting changes, {@link AccessDeniedException} for a read-only user,
 * {@link io.bulwark.admin.rule.RulesUnavailableException} when the backend does not answer.
 * Stateless and thread-safe; the user is taken from the security context of the calling thread.
 */
@Component
public class RulesClient {


    private final RuleAdministration rules;
    private final RulePreviews previews;

    public RulesClient(RuleAdministration rules, RulePreviews previews) {
        this.rules = rules;
        this.previews = previews;
    }

    /**
     * How the messages of the last {@code days} days would have been handled under the edited
     * definition of the rule {@code nameOrId}. A read: every role may preview, nothing is saved.
     */
    public RulePreviews.Preview preview(String nameOrId, RuleDefinition edited, int days) {
        return previews.preview(nameOrId, edited, days);
    }

    /**
     * As {@link #preview}, over recorded messages read at most {@link RulePreviews#WINDOW_REUSE} ago:
     * the preview that follows the form while the administrator edits.
     */
    public RulePreviews.Preview previewWhileEditing(String nameOrId, RuleDefinition edited, int days) {
        return previews.previewWhileEditing(nameOrId, edited, days);
    }

    /** Whether the signed-in user may change rules and lists. */
    public boolean canChange() {
        return Roles.isAdministrator();
    }

    /** The rules in matching order. */
    public List<RuleView> rules() {
        return rules.rules();
    }

    /** The rule with the name (ignoring case) or identifier. */
    public Optional<RuleView> rule(String nameOrId) {
        return rules.rule(nameOrId);
    }

    /** The global allow and deny lists. */
    public GlobalListsView lists() {
        return rules.lists();
    }

    /** Creates a rule at the top. */
    public RuleView create(RuleDefinition definition) {
        return rules.create(definition, administrator());
    }

    /** Replaces a rule's settings. */
    public RuleView edit(String ruleId, RuleDefinition definition) {
        return rules.edit(ruleId, definition, administrator());
    }

    /** Copies a rule to the top, disabled. */
    public RuleView copy(String ruleId, String newName) {
        return rules.copy(ruleId, newName, administrator());
    }

    /** Switches a rule on. */
    public RuleView enable(String ruleId) {
        return rules.enable(ruleId, administrator());
    }

    /** Switches a rule off. */
    public RuleView disable(String ruleId) {
        return rules.disable(ruleId, administrator());
    }

    /** Moves a rule to a position (0 = top). */
    public RuleView move(String ruleId, int position) {
        return rules.move(ruleId, position, administrator());
    }

    /** Deletes a rule. */
    public List<RuleView> delete(String ruleId) {
        return rules.delete(ruleId, administrator());
    }

    /** Adds an entry to a global list. */
    public GlobalListsView addEntry(GlobalListKind list, GlobalListEntry entry) {
        return rules.addEntry(list, entry, administrator());
    }

    /** Removes an entry from a global list. */
    public GlobalListsView removeEntry(GlobalListKind list, GlobalListEntry entry) {
        return rules.removeEntry(list, entry, administrator());
    }

    /** Chooses REJECT or DELETE_MESSAGE for deny list hits. */
    public GlobalListsView setDenyAction(Action action) {
        return rules.setDenyAction(action, administrator());
    }

    /** The signed-in administrator's name, the actor of the change. */
    private String administrator() {
        if (!canChange()) {
            throw new AccessDeniedException("Only administrators can change rules and lists");
        }
        return Roles.actor();
    }
}
