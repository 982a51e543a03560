package io.bulwark.admin.rule;

import io.bulwark.events.rule.RuleDefinition;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/rules/{name}/preview?days=N} with an edited rule definition (the body of
 * {@code PUT /api/v1/rules/{name}}): how the messages of the last N days (default
 * {@value RulePreviews#DEFAULT_DAYS}, at most {@value RulePreviews#MAX_DAYS}) would have been
 * handled under it. Saves nothing. Every role (a read; auditors ask "what would this have done").
 * Errors as the rules API: 404 unknown rule, 400 invalid definition or days.
 */
@RestController
@RequestMapping(RulesController.PATH)
public class RulePreviewController {
    private final RulePreviews previews;

    public RulePreviewController(RulePreviews previews) {
        this.previews = previews;
    }

    @PostMapping("/{name}/preview")
    public RulePreviews.Preview preview(@PathVariable String name, @RequestBody RuleDefinition definition,
            @RequestParam(defaultValue = "" + RulePreviews.DEFAULT_DAYS) int days) {
        return previews.preview(name, definition, days);
    }
}
