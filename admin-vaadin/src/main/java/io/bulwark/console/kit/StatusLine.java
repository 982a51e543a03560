package io.bulwark.console.kit;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/**
 * How every console page reports the outcome of an action: a {@link Notification} (error or
 * success style) and the same text in the page's status line, which stays readable after the
 * notification fades and which tests can read without a browser. The console kit's one home for
 * it; UI thread only.
 */
public final class StatusLine {

    private StatusLine() {
    }

    /** A refusal or failure, shown until the next outcome. */
    public static void error(Span line, String text) {
        line.setText(text);
        line.getStyle().set("color", "var(--lumo-error-text-color)");
        line.getUI().ifPresent(ui -> Notification.show(text, 6000, Notification.Position.MIDDLE)
                .addThemeVariants(NotificationVariant.LUMO_ERROR));
    }

    /** A completed action. */
    public static void success(Span line, String text) {
        line.setText(text);
        line.getStyle().set("color", "var(--lumo-success-text-color)");
        line.getUI().ifPresent(ui -> Notification.show(text, 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS));
    }
}
