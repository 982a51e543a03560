package io.bulwark.console.rule;

import com.vaadin.flow.component.html.Span;
import io.bulwark.admin.rule.InvalidRuleCommandException;
import io.bulwark.console.kit.StatusLine;
import io.bulwark.admin.rule.RulesUnavailableException;
import java.util.function.Supplier;
import org.springframework.security.access.AccessDeniedException;

/**
 * How the rule pages report outcomes, through the console kit's {@link StatusLine}; plus the rule
 * backend's refusals turned into a status line message. UI thread only.
 */
final class Feedback {

    private Feedback() {
    }

    /**
     * Runs a backend call and reports its refusal instead of letting it escape to Vaadin's error
     * handler: the backend's messages name the wrong field or entry, which is what the user needs.
     *
     * @return the call's result, or {@code null} when it was refused (already reported)
     */
    static <T> T attempt(Span status, Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidRuleCommandException | AccessDeniedException | RulesUnavailableException e) {
            error(status, e.getMessage());
            return null;
        }
    }

    static void error(Span status, String text) {
        StatusLine.error(status, text);
    }

    static void success(Span status, String text) {
        StatusLine.success(status, text);
    }
}
