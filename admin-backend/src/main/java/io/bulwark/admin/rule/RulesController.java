package io.bulwark.admin.rule;

import io.bulwark.events.query.rule.RuleView;
import io.bulwark.events.rule.RuleDefinition;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Message processing rules over REST, under {@code /api/v1/rules}. Rules are addressed by name
 * (ignoring case) or, for names a URL cannot carry, by rule id. Reads are open to every role, changes
 * to ADMINISTRATOR only (enforced by the API filter chain); every change is a command whose actor is
 * the authenticated user. Refusals become {@code {"error": "..."}} with 400, 404 or 409 (see
 * {@link RulesApiExceptionHandler}). Stateless.
 */
@RestController
@RequestMapping(RulesController.PATH)
public class RulesController {

    /** Base path. */
    public static final String PATH = "/api/v1/rules";

    private final RuleAdministration rules;

    public RulesController(RuleAdministration rules) {
        this.rules = rules;
    }

    /** Body of {@code POST .../copy}. */
    public record CopyRequest(String newName) {
    }

    /** Body of {@code POST .../move}. */
    public record MoveRequest(Integer position) {
    }

    @GetMapping
    public List<RuleView> list() {
        return rules.rules();
    }

    @GetMapping("/{name}")
    public RuleView get(@PathVariable String name) {
        return existing(name);
    }

    @PostMapping
    public ResponseEntity<RuleView> create(@RequestBody RuleDefinition definition, Principal user) {
        RuleView created = rules.create(definition, user.getName());
        return ResponseEntity.created(location(created)).body(created);
    }

    @PutMapping("/{name}")
    public RuleView edit(@PathVariable String name, @RequestBody RuleDefinition definition, Principal user) {
        return rules.edit(existing(name).ruleId(), definition, user.getName());
    }

    @PostMapping("/{name}/copy")
    public ResponseEntity<RuleView> copy(@PathVariable String name, @RequestBody CopyRequest request,
            Principal user) {
        RuleView copy = rules.copy(existing(name).ruleId(), request.newName(), user.getName());
        return ResponseEntity.created(location(copy)).body(copy);
    }

    @PostMapping("/{name}/enable")
    public RuleView enable(@PathVariable String name, Principal user) {
        return rules.enable(existing(name).ruleId(), user.getName());
    }

    @PostMapping("/{name}/disable")
    public RuleView disable(@PathVariable String name, Principal user) {
        return rules.disable(existing(name).ruleId(), user.getName());
    }

    @PostMapping("/{name}/move")
    public RuleView move(@PathVariable String name, @RequestBody MoveRequest request, Principal user) {
        if (request.position() == null) {
            throw new InvalidRuleCommandException("'position' is required (0 = top)");
        }
        return rules.move(existing(name).ruleId(), request.position(), user.getName());
    }

    @DeleteMapping("/{name}")
    public ResponseEntity<Void> delete(@PathVariable String name, Principal user) {
        rules.delete(existing(name).ruleId(), user.getName());
        return ResponseEntity.noContent().build();
    }

    private RuleView existing(String name) {
        return rules.rule(name).orElseThrow(() -> new UnknownRuleException("No rule named '" + name + "'"));
    }

    /** By name when a URL can carry it, else by id (the lookup accepts both). */
    private static URI location(RuleView rule) {
        String key = rule.name().contains("/") ? rule.ruleId() : rule.name().strip();
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(PATH + "/{name}").buildAndExpand(key)
                .encode().toUri();
    }
}
