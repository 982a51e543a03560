package io.bulwark.console.antispam;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.bulwark.admin.antispam.InvalidTrainingException;
import io.bulwark.admin.antispam.TrainingConflictException;
import io.bulwark.admin.antispam.UnknownTrainingException;
import io.bulwark.admin.backup.UnknownBackupCopyException;
import io.bulwark.console.kit.StatusLine;
import io.bulwark.events.antispam.TrainingMarkView;
import io.bulwark.events.antispam.TrainingVerdict;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.access.AccessDeniedException;

/**
 * "Mark as spam", "Mark as not spam" and "Undo mark" for the message selected in a view (Backup,
 * message tracking, the queue): one component, so the three views train the same way. A second
 * mark with the other verdict replaces the first; "Undo mark" takes back the last mark made here.
 * Shown only to users who may train ({@link TrainingClient#canTrain}). UI thread only.
 */
public class TrainingBar extends HorizontalLayout {
    public static final String SPAM_ID = "mark-spam";
    public static final String HAM_ID = "mark-ham";
    public static final String UNDO_ID = "mark-undo";
    public static final String STATUS_ID = "training-status";

    /** What a view has selected: a Backup copy or a message by queue id. */
    public record Target(String backupId, String queueId) {
        public static Target backupCopy(String backupId) {
            return new Target(backupId, null);
        }

        public static Target queued(String queueId) {
            return new Target(null, queueId);
        }
    }

    private final TrainingClient client;
    private final Supplier<Optional<Target>> selection;
    private final Button spam = new Button("Mark as spam", VaadinIcon.THUMBS_DOWN.create());
    private final Button ham = new Button("Mark as not spam", VaadinIcon.THUMBS_UP.create());
    private final Button undo = new Button("Undo mark", VaadinIcon.ARROW_BACKWARD.create());
    private final Span status = new Span();
    private TrainingMarkView last;

    public TrainingBar(TrainingClient client, Supplier<Optional<Target>> selection) {
        this.client = client;
        this.selection = selection;
        spam.setId(SPAM_ID);
        ham.setId(HAM_ID);
        undo.setId(UNDO_ID);
        status.setId(STATUS_ID);
        spam.addClickListener(click -> mark(TrainingVerdict.SPAM));
        ham.addClickListener(click -> mark(TrainingVerdict.HAM));
        undo.addClickListener(click -> undo());
        undo.setEnabled(false);
        add(spam, ham, undo, status);
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        setVisible(client.canTrain());
    }

    private void mark(TrainingVerdict verdict) {
        Optional<Target> target = selection.get();
        if (target.isEmpty()) {
            StatusLine.error(status, "Select a message first.");
            return;
        }
        attempt(() -> {
            Target t = target.get();
            last = t.backupId() != null ? client.markBackupCopy(t.backupId(), verdict)
                    : client.markQueued(t.queueId(), verdict);
            undo.setEnabled(true);
            StatusLine.success(status, "Marked as " + (verdict == TrainingVerdict.SPAM ? "spam" : "not spam")
                    + " (" + last.tokens() + " tokens, every node learns it).");
        });
    }

    private void undo() {
        if (last == null) {
            return;
        }
        attempt(() -> {
            client.untrain(last.trainingId());
            last = null;
            undo.setEnabled(false);
            StatusLine.success(status, "Mark taken back.");
        });
    }

    private void attempt(Runnable action) {
        try {
            action.run();
        } catch (TrainingConflictException | InvalidTrainingException | UnknownTrainingException
                | UnknownBackupCopyException | AccessDeniedException e) {
            StatusLine.error(status, e.getMessage());
        } catch (RuntimeException e) {
            StatusLine.error(status, "Training is unavailable right now; try again.");
        }
    }

    /** The status text (tests read it without a browser). */
    public String statusText() {
        return status.getText();
    }
}
