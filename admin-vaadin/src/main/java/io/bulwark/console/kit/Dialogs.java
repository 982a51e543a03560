package io.bulwark.console.kit;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;

/**
 * The console's confirmations, one home: a {@link Dialog} with a title, a sentence saying what will
 * happen, *Cancel* and a confirm button whose id the page names (for the browser tests). Built on the
 * core {@code Dialog}: Vaadin's {@code ConfirmDialog} is not among the free components we use.
 * Pages with fields in their dialog use {@link #confirm} and {@link #cancel} for the footer.
 * UI thread only; stateless.
 */
public final class Dialogs {

    private Dialogs() {
    }

    /**
     * A confirmation: *Confirm* closes the dialog, then runs {@code onConfirm}.
     *
     * @param destructive styles the confirm button as an error (deleting, discarding)
     */
    public static Dialog confirmation(String title, String text, String confirmLabel, String confirmId,
            boolean destructive, Runnable onConfirm) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(title);
        dialog.add(new Span(text));
        dialog.getFooter().add(cancel(dialog), confirm(confirmLabel, confirmId, destructive, () -> {
            dialog.close();
            onConfirm.run();
        }));
        return dialog;
    }

    /** The primary button of a dialog; {@code action} decides whether to close it (e.g. only on success). */
    public static Button confirm(String label, String id, boolean destructive, Runnable action) {
        Button confirm = new Button(label, click -> action.run());
        confirm.setId(id);
        if (destructive) {
            confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        } else {
            confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        }
        return confirm;
    }

    /** *Cancel*: closes the dialog, nothing else. */
    public static Button cancel(Dialog dialog) {
        return new Button("Cancel", click -> dialog.close());
    }
}
