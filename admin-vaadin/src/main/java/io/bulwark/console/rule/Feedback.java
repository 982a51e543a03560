package io.bulwark.console.rule;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.bulwark.admin.rule.InvalidRuleCommandException;
import io.bulwark.admin.rule.RulesUnavailableException;
import java.util.function.Supplier;
import org.springframework.security.access.AccessDeniedException;

/**
 * How the rule pages report outcomes: a {@link Notification} (error or success style) and the same
 * text in the page's status line, which stays readable after the notification fades and which tests
 * can read without a browser. UI thread only.
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
        status.setText(text);
        status.getStyle().set("color", "var(--lumo-error-text-color)");
        status.getUI().ifPresent(ui -> Notification.show(text, 6000, Notification.Position.MIDDLE)
                .addThemeVariants(NotificationVariant.LUMO_ERROR));
    }

    static void success(Span status, String text) {
        status.setText(text);
        status.getStyle().set("color", "var(--lumo-success-text-color)");
        status.getUI().ifPresent(ui -> Notification.show(text, 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS));
    }
}
