package io.bulwark.admin.rule;

import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.GlobalListEntry;
import io.bulwark.events.rule.GlobalListEntryType;
import io.bulwark.events.rule.GlobalListKind;
import io.bulwark.events.rule.GlobalListsView;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The global allow and deny lists over REST, under {@code /api/v1/lists}. Every answer is both lists
 * and the deny action as they are after the request. Reads for every role, changes for ADMINISTRATOR
 * (API filter chain); the actor of each change is the authenticated user. Stateless.
 */
@RestController
@RequestMapping("/api/v1/lists")
public class GlobalListsController {

    private final RuleAdministration rules;

    public GlobalListsController(RuleAdministration rules) {
        this.rules = rules;
    }

    /** Body of {@code POST /{list}/entries}. */
    public record EntryRequest(GlobalListEntryType type, String value) {
    }

    /** Body of {@code PUT /deny/action}: REJECT or DELETE (DELETE_MESSAGE is accepted too). */
    public record DenyActionRequest(String action) {
    }

    @GetMapping
    public GlobalListsView lists() {
        return rules.lists();
    }

    @PostMapping("/{list}/entries")
    public GlobalListsView add(@PathVariable String list, @RequestBody EntryRequest request, Principal user) {
        GlobalListKind kind = kind(list);
        if (request.type() == null) {
            throw new InvalidRuleCommandException("'type' is required: ADDRESS or IP_NETWORK");
        }
        if (request.value() == null || request.value().isBlank()) {
            throw new InvalidRuleCommandException("'value' is required: an address pattern or an IP network");
        }
        return rules.addEntry(kind, new GlobalListEntry(request.type(), request.value()), user.getName());
    }

    /**
     * Removes the entry with the value. {@code type} is needed only when the list holds an address
     * pattern and a network with the same text (e.g. {@code 192.0.2.1}, also a valid domain mask).
     */
    @DeleteMapping("/{list}/entries")
    public GlobalListsView remove(@PathVariable String list, @RequestParam String value,
            @RequestParam(required = false) GlobalListEntryType type, Principal user) {
        GlobalListKind kind = kind(list);
        String wanted = value.strip();
        List<GlobalListEntry> matches = rules.lists().entries(kind).stream()
                .filter(e -> e.value().equals(wanted) && (type == null || e.type() == type))
                .toList();
        if (matches.isEmpty()) {
            throw new UnknownRuleException("'" + wanted + "' is not on the " + kind + " list");
        }
        if (matches.size() > 1) {
            throw new InvalidRuleCommandException("'" + wanted
                    + "' is listed both as an address pattern and as a network; add type=ADDRESS or type=IP_NETWORK");
        }
        return rules.removeEntry(kind, matches.getFirst(), user.getName());
    }

    @PutMapping("/deny/action")
    public GlobalListsView denyAction(@RequestBody DenyActionRequest request, Principal user) {
        String action = request.action() == null ? "" : request.action().strip().toUpperCase(Locale.ROOT);
        Action chosen = switch (action) {
            case "REJECT" -> Action.REJECT;
            case "DELETE", "DELETE_MESSAGE" -> Action.DELETE_MESSAGE;
            default -> throw new InvalidRuleCommandException("'action' must be REJECT or DELETE");
        };
        return rules.setDenyAction(chosen, user.getName());
    }

    private static GlobalListKind kind(String list) {
        return switch (list.toLowerCase(Locale.ROOT)) {
            case "allow" -> GlobalListKind.ALLOW;
            case "deny" -> GlobalListKind.DENY;
            default -> throw new UnknownRuleException("No list '" + list + "': use allow or deny");
        };
    }
}
