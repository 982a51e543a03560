package io.bulwark.console.rule;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.HasValueChangeMode;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.shared.Registration;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.rule.RecipientCriteria;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleKind;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.rule.SenderCriteria;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rule editor's form: name, description, enabled, mode, sender and recipient criteria (one
 * entry per line), and one collapsible section per protection module with an on/off switch and,
 * per status, the action, the Backup flag and the subject tag.
 *
 * <p>Dumb on purpose (STYLE rule 17): it shows a {@link RuleDefinition}, builds one from the fields
 * and fires {@link SaveEvent} / {@link CancelEvent}; it neither validates nor talks to the backend.
 * The aggregate validates, and the page shows its refusal.
 *
 * <p>Element ids: {@value #NAME_ID}, {@code rule-description}, {@code rule-enabled},
 * {@value #MODE_ID}, {@code rule-senders}, {@code rule-recipients}, {@value #SAVE_ID},
 * {@code rule-cancel}; per module {@code module-<MODULE>} (the section) and
 * {@code module-<MODULE>-enabled}; per status {@code action-<MODULE>-<STATUS>},
 * {@code backup-<MODULE>-<STATUS>} and {@code tag-<MODULE>-<STATUS>}.
 *
 * <p>One instance per editor page; UI thread only.
 */
public class RuleForm extends VerticalLayout {

    public static final String NAME_ID = "rule-name";
    public static final String MODE_ID = "rule-mode";
    public static final String SAVE_ID = "rule-save";

    /**
     * A line that is an IP address or network rather than an address pattern: IPv4 digits and
     * dots, or hex digits with ':' (IPv6), optionally with a prefix. Deciding by shape (not by
     * validity) lets a mistyped network such as {@code 10.0.0.0/40} reach the backend as a network
     * and be refused, instead of being accepted as a domain mask that matches nothing.
     */
    private static final Pattern NETWORK_LINE = Pattern.compile("[0-9.]+(/\\d*)?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(/\\d*)?");

    private final TextField name = new TextField("Name");
    private final TextArea description = new TextArea("Description");
    private final Checkbox enabled = new Checkbox("Enabled");
    private final Select<RuleMode> mode = new Select<>();
    private final TextArea senders = new TextArea("Senders");
    private final TextArea recipients = new TextArea("Recipients");
    private final Map<ProtectionModule, ModuleSection> sections = new EnumMap<>(ProtectionModule.class);
    private final Button save = new Button("Save");
    private final Button cancel = new Button("Cancel");
    private RuleKind kind = RuleKind.CUSTOM;
    private boolean editable = true;
    /** While {@link #setRule} fills the fields: their changes are not the user's edits. */
    private boolean filling;

    public RuleForm() {
        setPadding(false);
        name.setId(NAME_ID);
        name.setRequired(true);
        name.setMaxLength(100);
        description.setId("rule-description");
        enabled.setId("rule-enabled");
        mode.setId(MODE_ID);
        mode.setLabel("Mode");
        mode.setItems(RuleMode.values());
        mode.setItemLabelGenerator(Labels::mode);
        senders.setId("rule-senders");
        senders.setHelperText("One per line: address patterns (*@example.com, *.example.com, re:REGEX, <>, *) "
                + "or IP networks (192.0.2.0/24, 2001:db8::/32). A sender matches if any line matches.");
        recipients.setId("rule-recipients");
        recipients.setHelperText("One address pattern per line; * for everyone.");
        FormLayout fields = new FormLayout(name, mode, description, enabled, senders, recipients);
        fields.setColspan(description, 2);
        add(fields);
        for (ProtectionModule module : ProtectionModule.values()) {
            ModuleSection section = new ModuleSection(module);
            sections.put(module, section);
            add(section.details);
        }
        save.setId(SAVE_ID);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> fireEvent(new SaveEvent(this, toDefinition())));
        cancel.setId("rule-cancel");
        cancel.addClickListener(click -> fireEvent(new CancelEvent(this)));
        add(new HorizontalLayout(save, cancel));
        watchEdits(getElement());
    }

    /** Milliseconds of no typing after which a text field reports its value (the live preview's debounce). */
    static final int TYPING_PAUSE_MILLIS = 700;

    /**
     * Every field of the form reports its changes as one {@link ChangeEvent}; text fields only after
     * the user paused typing for {@value #TYPING_PAUSE_MILLIS} ms (Vaadin's lazy value change mode
     * debounces in the browser, so a keystroke costs no round trip).
     */
    private void watchEdits(Element root) {
        root.getComponent().ifPresent(component -> {
            if (component instanceof HasValueChangeMode typed) {
                typed.setValueChangeMode(ValueChangeMode.LAZY);
                typed.setValueChangeTimeout(TYPING_PAUSE_MILLIS);
            }
            if (component instanceof HasValue<?, ?> field && component != this) {
                field.addValueChangeListener(change -> {
                    if (!filling) {
                        fireEvent(new ChangeEvent(this));
                    }
                });
            }
        });
        root.getChildren().forEach(this::watchEdits);
    }

    /**
     * Shows a rule. For the Default rule the name, the enabled switch and the criteria are locked:
     * the backend keeps Default named, enabled and matching everyone.
     */
    public void setRule(RuleDefinition definition, RuleKind ruleKind) {
        filling = true;
        try {
            fill(definition, ruleKind);
        } finally {
            filling = false;
        }
    }

    private void fill(RuleDefinition definition, RuleKind ruleKind) {
        kind = ruleKind;
        name.setValue(definition.name());
        description.setValue(definition.description());
        enabled.setValue(definition.enabled());
        mode.setValue(definition.mode());
        senders.setValue(String.join("\n", Stream.concat(definition.senders().addresses().stream(),
                definition.senders().networks().stream()).toList()));
        recipients.setValue(String.join("\n", definition.recipients().addresses()));
        sections.forEach((module, section) -> section.show(definition.module(module)));
        applyLocks();
    }

    /** Read-only for users who may not change rules: every field locked, Save hidden. */
    public void setEditable(boolean canEdit) {
        editable = canEdit;
        save.setVisible(canEdit);
        cancel.setText(canEdit ? "Cancel" : "Back");
        applyLocks();
    }

    private void applyLocks() {
        description.setReadOnly(!editable);
        mode.setReadOnly(!editable);
        sections.values().forEach(s -> s.setReadOnly(!editable));
        boolean identityLocked = !editable || kind == RuleKind.DEFAULT;
        name.setReadOnly(identityLocked);
        enabled.setReadOnly(identityLocked);
        senders.setReadOnly(identityLocked);
        recipients.setReadOnly(identityLocked);
    }

    /** The rule as the fields describe it now. */
    public RuleDefinition toDefinition() {
        List<String> addresses = new ArrayList<>();
        List<String> networks = new ArrayList<>();
        for (String line : lines(senders.getValue())) {
            (isNetwork(line) ? networks : addresses).add(line);
        }
        Map<ProtectionModule, ModuleSettings> modules = new EnumMap<>(ProtectionModule.class);
        sections.forEach((module, section) -> modules.put(module, section.settings()));
        return new RuleDefinition(name.getValue().strip(), description.getValue(), enabled.getValue(),
                mode.getValue() == null ? RuleMode.SCAN : mode.getValue(), new SenderCriteria(addresses, networks),
                new RecipientCriteria(lines(recipients.getValue())), modules);
    }

    static boolean isNetwork(String line) {
        return !line.regionMatches(true, 0, "re:", 0, 3) && NETWORK_LINE.matcher(line).matches();
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip)
                .filter(line -> !line.isEmpty()).toList();
    }

    /** Listens for Save; the event carries the definition built from the fields. */
    public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    /** Listens for Cancel (or Back, when read-only). */
    public Registration addCancelListener(ComponentEventListener<CancelEvent> listener) {
        return addListener(CancelEvent.class, listener);
    }

    /** Listens for the user's edits of any field (the rule editor's live preview). */
    public Registration addChangeListener(ComponentEventListener<ChangeEvent> listener) {
        return addListener(ChangeEvent.class, listener);
    }

    /** The user changed a field; {@link #toDefinition()} has the new value. */
    public static class ChangeEvent extends ComponentEvent<RuleForm> {
        ChangeEvent(RuleForm source) {
            super(source, false);
        }
    }

    /** The user asked to save the shown rule. */
    public static class SaveEvent extends ComponentEvent<RuleForm> {
        private final RuleDefinition definition;

        SaveEvent(RuleForm source, RuleDefinition definition) {
            super(source, false);
            this.definition = definition;
        }

        /** The rule as the form describes it. */
        public RuleDefinition definition() {
            return definition;
        }
    }

    /** The user left the form without saving. */
    public static class CancelEvent extends ComponentEvent<RuleForm> {
        CancelEvent(RuleForm source) {
            super(source, false);
        }
    }

    /**
     * One module's section: on/off, the module's options (thresholds, how a temporary failure is
     * answered) and a row per status. Options are always sent back complete, so saving a rule from
     * the console never resets a threshold set through the API.
     */
    private static final class ModuleSection {
        private final Details details;
        private final Checkbox on = new Checkbox("Module on for this rule");
        private final Map<ModuleOption, Select<String>> choiceOptions = new EnumMap<>(ModuleOption.class);
        private final Map<ModuleOption, TextField> numberOptions = new EnumMap<>(ModuleOption.class);
        private final Map<ScanStatus, Select<Action>> actions = new EnumMap<>(ScanStatus.class);
        private final Map<ScanStatus, Checkbox> backups = new EnumMap<>(ScanStatus.class);
        private final Map<ScanStatus, TextField> tags = new EnumMap<>(ScanStatus.class);

        ModuleSection(ProtectionModule module) {
            on.setId("module-" + module.name() + "-enabled");
            VerticalLayout content = new VerticalLayout(on);
            content.setPadding(false);
            content.setSpacing(false);
            for (ModuleOption option : ModuleOption.of(module)) {
                String id = "option-" + module.name() + "-" + option.key();
                if (option.choices().isEmpty()) {
                    // numbers, masks, type lists, sizes and levels are all typed as text; the
                    // backend validates them by the option's kind and answers with the reason
                    TextField number = new TextField(Labels.option(option));
                    number.setId(id);
                    number.setHelperText(option.format() + (option.defaultValue().isEmpty() ? ""
                            : ", default " + option.defaultValue()));
                    if (option.kind() == ModuleOption.Kind.MASKS || option.kind() == ModuleOption.Kind.CATEGORIES) {
                        number.setWidthFull();
                        number.setPlaceholder(option.kind() == ModuleOption.Kind.MASKS ? "*.exe, *.scr"
                                : "executables, archives");
                    }
                    numberOptions.put(option, number);
                    content.add(number);
                } else {
                    Select<String> choice = new Select<>();
                    choice.setLabel(Labels.option(option));
                    choice.setId(id);
                    choice.setItems(option.choices());
                    choiceOptions.put(option, choice);
                    content.add(choice);
                }
            }
            for (ScanStatus status : module.statuses()) {
                String key = module.name() + "-" + status.name();
                Span label = new Span(Labels.status(status));
                label.setWidth("12em");
                Select<Action> action = new Select<>();
                action.setId("action-" + key);
                action.setAriaLabel(Labels.module(module) + " " + Labels.status(status) + " action");
                // Delete attachment only where the status points to parts (the backend refuses it elsewhere).
                action.setItems(Arrays.stream(Action.values())
                        .filter(a -> a != Action.DELETE_ATTACHMENT || status.partLevel()).toList());
                action.setItemLabelGenerator(Labels::action);
                Checkbox backup = new Checkbox("Backup");
                backup.setId("backup-" + key);
                TextField tag = new TextField();
                tag.setId("tag-" + key);
                tag.setPlaceholder("subject tag");
                tag.setAriaLabel(Labels.module(module) + " " + Labels.status(status) + " subject tag");
                tag.setMaxLength(100);
                actions.put(status, action);
                backups.put(status, backup);
                tags.put(status, tag);
                HorizontalLayout row = new HorizontalLayout(label, action, backup, tag);
                row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
                content.add(row);
            }
            details = new Details(Labels.module(module), content);
            details.setId("module-" + module.name());
            details.setSummaryText(summary(module, false));
            on.addValueChangeListener(change -> details.setSummaryText(summary(module, change.getValue())));
        }

        private static String summary(ProtectionModule module, Boolean enabled) {
            return Labels.module(module) + (Boolean.TRUE.equals(enabled) ? " (on)" : " (off)");
        }

        void show(ModuleSettings settings) {
            on.setValue(settings.enabled());
            choiceOptions.forEach((option, select) -> select.setValue(settings.option(option)));
            numberOptions.forEach((option, field) -> field.setValue(settings.option(option)));
            actions.forEach((status, select) -> {
                StatusAction configured = settings.actionFor(status);
                select.setValue(configured.action());
                backups.get(status).setValue(configured.backupCopy());
                tags.get(status).setValue(configured.subjectTag());
            });
        }

        ModuleSettings settings() {
            Map<ScanStatus, StatusAction> result = new EnumMap<>(ScanStatus.class);
            actions.forEach((status, select) -> result.put(status, new StatusAction(
                    select.getValue() == null ? status.defaultAction() : select.getValue(),
                    backups.get(status).getValue(), tags.get(status).getValue().strip())));
            Map<String, String> options = new java.util.TreeMap<>();
            choiceOptions.forEach((option, select) -> options.put(option.key(),
                    select.getValue() == null ? option.defaultValue() : select.getValue()));
            // Sent as typed: the backend refuses a value that does not fit the option's kind, with the
            // reason. A blank list means "none" (a list's default is empty anyway); a blank number
            // or size takes the default.
            numberOptions.forEach((option, field) -> options.put(option.key(),
                    field.getValue().isBlank() ? option.defaultValue() : field.getValue().strip()));
            return new ModuleSettings(on.getValue(), result, options);
        }

        void setReadOnly(boolean readOnly) {
            on.setReadOnly(readOnly);
            choiceOptions.values().forEach(s -> s.setReadOnly(readOnly));
            numberOptions.values().forEach(f -> f.setReadOnly(readOnly));
            actions.values().forEach(s -> s.setReadOnly(readOnly));
            backups.values().forEach(c -> c.setReadOnly(readOnly));
            tags.values().forEach(t -> t.setReadOnly(readOnly));
        }
    }
}
