package io.bulwark.console.rule;

import static io.bulwark.console.rule.RulesBackend.byId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import io.bulwark.events.query.rule.RuleView;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.RecipientCriteria;
import io.bulwark.events.rule.RuleDefinition;
import io.bulwark.events.rule.RuleMode;
import io.bulwark.events.rule.SenderCriteria;
import io.bulwark.events.rule.ModuleOption;
import io.bulwark.events.rule.ModuleSettings;
import io.bulwark.events.rule.StatusAction;
import io.bulwark.events.message.MessageRef;
import io.bulwark.events.scan.MessageScannedEvent;
import io.bulwark.events.scan.ModuleVerdict;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.RecipientGroupDecision;
import io.bulwark.events.scan.ScanReport;
import io.bulwark.events.scan.ScanStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;

/**
 * The rules list and the rule editor without a browser, over the real backend (aggregates,
 * tracking projection, gateways) of {@link RulesBackend}.
 */
class RulePagesTest {

    private RulesBackend backend;

    @BeforeEach
    void setUp() {
        backend = new RulesBackend();
        RulesBackend.signIn("alice", "ADMINISTRATOR");
    }

    @AfterEach
    void tearDown() {
        backend.close();
    }

    private RuleView createRule(String name) {
        return backend.client.create(RuleDefinition.withDefaults(name,
                new SenderCriteria(List.of("*@partner.example"), List.of("192.0.2.0/24")),
                new RecipientCriteria(List.of("sales@corp.example"))));
    }

    private static List<String> names(RulesPage page) {
        Grid<RuleView> grid = byId(page, RulesPage.GRID_ID);
        return grid.getGenericDataView().getItems().map(RuleView::name).toList();
    }

    private static void select(RulesPage page, String name) {
        Grid<RuleView> grid = byId(page, RulesPage.GRID_ID);
        grid.select(grid.getGenericDataView().getItems().filter(r -> r.name().equals(name)).findFirst().orElseThrow());
    }

    private static void click(RulesPage page, String id) {
        RulesBackend.<Button>byId(page, id).click();
    }

    private static String status(com.vaadin.flow.component.Component page, String id) {
        return RulesBackend.<Span>byId(page, id).getText();
    }

    // ---- the list

    @Test
    void listsTheRulesInMatchingOrderWithSummaries() {
        createRule("Partners");
        RulesPage page = new RulesPage(backend.client);
        page.refresh();
        assertThat(names(page)).containsExactly("Partners", "AllowList", "DenyList", "Default");
        RuleView partners = backend.client.rules().getFirst();
        assertThat(RulesPage.senders(partners.definition())).isEqualTo("*@partner.example, 192.0.2.0/24");
        assertThat(RulesPage.modulesOn(partners.definition())).isEqualTo("Anti-Virus, Anti-Spam, Anti-Phishing");
        assertThat(RulesPage.modulesOn(backend.client.rules().get(1).definition())).isEqualTo("-");
        assertThat(RulesPage.summary(List.of("x".repeat(100)))).hasSize(RulesPage.SUMMARY_LENGTH).endsWith("…");
    }

    @Test
    void movesEnablesAndDisablesTheSelectedRule() {
        createRule("Partners");
        RulesPage page = new RulesPage(backend.client);
        page.refresh();
        select(page, "Partners");
        assertThat(RulesBackend.<Button>byId(page, RulesPage.UP_ID).isEnabled()).isFalse();

        click(page, RulesPage.DOWN_ID);
        assertThat(names(page)).containsExactly("AllowList", "Partners", "DenyList", "Default");
        click(page, RulesPage.DOWN_ID);
        assertThat(names(page)).containsExactly("AllowList", "DenyList", "Partners", "Default");
        // Default stays last: Partners cannot go further down.
        assertThat(RulesBackend.<Button>byId(page, RulesPage.DOWN_ID).isEnabled()).isFalse();
        click(page, RulesPage.UP_ID);
        assertThat(names(page)).containsExactly("AllowList", "Partners", "DenyList", "Default");

        click(page, RulesPage.DISABLE_ID);
        assertThat(backend.client.rule("Partners").orElseThrow().enabled()).isFalse();
        click(page, RulesPage.ENABLE_ID);
        assertThat(backend.client.rule("Partners").orElseThrow().enabled()).isTrue();
    }

    @Test
    void theRowSwitchEnablesAndDisablesAndShowsARefusal() {
        createRule("Partners");
        RulesPage page = new RulesPage(backend.client);
        page.refresh();
        Grid<RuleView> grid = byId(page, RulesPage.GRID_ID);
        @SuppressWarnings("unchecked")
        ComponentRenderer<Checkbox, RuleView> switches =
                (ComponentRenderer<Checkbox, RuleView>) grid.getColumnByKey("enabled").getRenderer();

        switches.createComponent(backend.client.rule("Partners").orElseThrow()).setValue(false);
        assertThat(backend.client.rule("Partners").orElseThrow().enabled()).isFalse();

        // DenyList has no criteria yet: the backend refuses and says why.
        switches.createComponent(backend.client.rule("DenyList").orElseThrow()).setValue(true);
        assertThat(status(page, RulesPage.STATUS_ID)).contains("needs sender criteria");
        Checkbox defaultSwitch = switches.createComponent(backend.client.rule("Default").orElseThrow());
        assertThat(defaultSwitch.isReadOnly()).isTrue();
        assertThat(defaultSwitch.getId()).contains("rule-enabled-3");
    }

    @Test
    void copiesAndDeletesThroughTheirDialogs() {
        createRule("Partners");
        RulesPage page = new RulesPage(backend.client);
        page.refresh();
        RuleView partners = backend.client.rule("Partners").orElseThrow();

        Dialog copy = page.copyDialog(partners);
        RulesBackend.<TextField>byId(copy, RulesPage.COPY_NAME_ID).setValue("Partners EU");
        footerButton(copy, RulesPage.COPY_CONFIRM_ID).click();
        assertThat(names(page)).containsExactly("Partners EU", "Partners", "AllowList", "DenyList", "Default");
        assertThat(backend.client.rule("Partners EU").orElseThrow().enabled()).isFalse();

        Dialog taken = page.copyDialog(partners);
        RulesBackend.<TextField>byId(taken, RulesPage.COPY_NAME_ID).setValue("partners eu");
        footerButton(taken, RulesPage.COPY_CONFIRM_ID).click();
        assertThat(status(page, RulesPage.STATUS_ID)).isEqualTo("A rule named 'partners eu' already exists");

        footerButton(page.deleteDialog(partners), RulesPage.DELETE_CONFIRM_ID).click();
        assertThat(names(page)).containsExactly("Partners EU", "AllowList", "DenyList", "Default");
    }

    @Test
    void theDefaultRuleCanOnlyBeEditedOrCopied() {
        RulesPage page = new RulesPage(backend.client);
        page.refresh();
        select(page, "Default");
        assertThat(RulesBackend.<Button>byId(page, RulesPage.EDIT_ID).isEnabled()).isTrue();
        assertThat(RulesBackend.<Button>byId(page, RulesPage.COPY_ID).isEnabled()).isTrue();
        for (String id : List.of(RulesPage.DELETE_ID, RulesPage.UP_ID, RulesPage.DOWN_ID, RulesPage.DISABLE_ID,
                RulesPage.ENABLE_ID)) {
            assertThat(RulesBackend.<Button>byId(page, id).isEnabled()).as(id).isFalse();
        }
    }

    private static Button footerButton(Dialog dialog, String id) {
        return (Button) RulesBackend.find(dialog, id)
                .or(() -> RulesBackend.find(dialog.getFooter().getElement(), id))
                .orElseThrow(() -> new AssertionError("no button " + id));
    }

    // ---- the editor

    @Test
    void createsARuleWithModuleSettingsFromTheEditor() {
        RuleEditorPage editor = new RuleEditorPage(backend.client);
        editor.load(Optional.empty());
        RulesBackend.<TextField>byId(editor, RuleForm.NAME_ID).setValue("Sales");
        RulesBackend.<TextArea>byId(editor, "rule-senders").setValue("*@partner.example\n\n 2001:db8::/32 \nre:.*@(eu|us)\\.example\\.com");
        RulesBackend.<TextArea>byId(editor, "rule-recipients").setValue("sales@corp.example");
        RulesBackend.<Select<RuleMode>>byId(editor, RuleForm.MODE_ID).setValue(RuleMode.SCAN);
        RulesBackend.<Checkbox>byId(editor, "module-CONTENT_FILTERING-enabled").setValue(true);
        RulesBackend.<Select<Action>>byId(editor, "action-ANTI_VIRUS-INFECTED").setValue(Action.DELETE_MESSAGE);
        RulesBackend.<Checkbox>byId(editor, "backup-ANTI_VIRUS-INFECTED").setValue(false);
        RulesBackend.<TextField>byId(editor, "tag-ANTI_SPAM-SPAM").setValue("[SPAM] ");
        RulesBackend.<Button>byId(editor, RuleForm.SAVE_ID).click();

        RuleView sales = backend.client.rule("Sales").orElseThrow();
        assertThat(sales.position()).isZero();
        assertThat(sales.definition().senders().addresses())
                .containsExactly("*@partner.example", "re:.*@(eu|us)\\.example\\.com");
        assertThat(sales.definition().senders().networks()).containsExactly("2001:db8::/32");
        assertThat(sales.definition().moduleEnabled(ProtectionModule.CONTENT_FILTERING)).isTrue();
        assertThat(sales.definition().module(ProtectionModule.ANTI_VIRUS).actionFor(ScanStatus.INFECTED))
                .isEqualTo(new StatusAction(Action.DELETE_MESSAGE, false, "[Infected]"));
        assertThat(sales.definition().module(ProtectionModule.ANTI_SPAM).actionFor(ScanStatus.SPAM).subjectTag())
                .isEqualTo("[SPAM]");
        assertThat(status(editor, RuleEditorPage.STATUS_ID)).isEqualTo("Saved rule Sales");
    }

    @Test
    void moduleOptionsAreShownEditedAndKeptWhenTheRuleIsSavedAgain() {
        RuleEditorPage editor = new RuleEditorPage(backend.client);
        editor.load(Optional.empty());
        RulesBackend.<TextField>byId(editor, RuleForm.NAME_ID).setValue("Strict");
        RulesBackend.<TextArea>byId(editor, "rule-senders").setValue("*");
        RulesBackend.<TextArea>byId(editor, "rule-recipients").setValue("ceo@corp.example");
        assertThat(RulesBackend.<TextField>byId(editor, "option-ANTI_SPAM-spam-threshold").getValue()).isEqualTo("70");
        RulesBackend.<TextField>byId(editor, "option-ANTI_SPAM-spam-threshold").setValue("55");
        RulesBackend.<Select<String>>byId(editor, "option-ANTI_VIRUS-temporary-failure").setValue("accept");
        RulesBackend.<Button>byId(editor, RuleForm.SAVE_ID).click();
        assertThat(status(editor, RuleEditorPage.STATUS_ID)).isEqualTo("Saved rule Strict");

        ModuleSettings spam = backend.client.rule("Strict").orElseThrow().definition().module(ProtectionModule.ANTI_SPAM);
        assertThat(spam.option(ModuleOption.SPAM_THRESHOLD)).isEqualTo("55");
        assertThat(backend.client.rule("Strict").orElseThrow().definition().module(ProtectionModule.ANTI_VIRUS)
                .defersOnTemporaryFailure()).isFalse();

        // Opened and saved again without touching the options: they stay.
        RuleEditorPage again = new RuleEditorPage(backend.client);
        again.load(Optional.of("Strict"));
        assertThat(RulesBackend.<TextField>byId(again, "option-ANTI_SPAM-spam-threshold").getValue()).isEqualTo("55");
        RulesBackend.<TextArea>byId(again, "rule-description").setValue("edited");
        RulesBackend.<Button>byId(again, RuleForm.SAVE_ID).click();
        assertThat(backend.client.rule("Strict").orElseThrow().definition().module(ProtectionModule.ANTI_SPAM)
                .option(ModuleOption.SPAM_THRESHOLD)).isEqualTo("55");
    }

    @Test
    void contentFilteringAndMacroOptionsAreEditableAsText() {
        RuleEditorPage editor = new RuleEditorPage(backend.client);
        editor.load(Optional.empty());
        RulesBackend.<TextField>byId(editor, RuleForm.NAME_ID).setValue("Attachments");
        RulesBackend.<TextArea>byId(editor, "rule-senders").setValue("*");
        RulesBackend.<TextArea>byId(editor, "rule-recipients").setValue("*@corp.example");
        assertThat(RulesBackend.<TextField>byId(editor, "option-CONTENT_FILTERING-banned-names").getHelperText())
                .contains("masks");
        RulesBackend.<TextField>byId(editor, "option-CONTENT_FILTERING-banned-names").setValue("*.exe, *.scr");
        RulesBackend.<TextField>byId(editor, "option-CONTENT_FILTERING-banned-types").setValue("executables, archives");
        RulesBackend.<Select<String>>byId(editor, "option-CONTENT_FILTERING-banned-types-mode").setValue("not-from-list");
        RulesBackend.<TextField>byId(editor, "option-CONTENT_FILTERING-max-message-size").setValue("25M");
        RulesBackend.<TextField>byId(editor, "option-CONTENT_FILTERING-archive-depth").setValue("3");
        RulesBackend.<Select<String>>byId(editor, "option-ANTI_VIRUS-macros-probably-infected").setValue("yes");
        RulesBackend.<Button>byId(editor, RuleForm.SAVE_ID).click();
        assertThat(status(editor, RuleEditorPage.STATUS_ID)).isEqualTo("Saved rule Attachments");

        ModuleSettings filtering = backend.client.rule("Attachments").orElseThrow().definition()
                .module(ProtectionModule.CONTENT_FILTERING);
        assertThat(filtering.list(ModuleOption.BANNED_NAMES)).containsExactly("*.exe", "*.scr");
        assertThat(filtering.list(ModuleOption.BANNED_TYPES)).containsExactly("executables", "archives");
        assertThat(filtering.option(ModuleOption.BANNED_TYPES_MODE)).isEqualTo("not-from-list");
        assertThat(filtering.bytes(ModuleOption.MAX_MESSAGE_SIZE)).isEqualTo(25L * 1024 * 1024);
        assertThat(filtering.level(ModuleOption.ARCHIVE_DEPTH)).isEqualTo(3);
        assertThat(backend.client.rule("Attachments").orElseThrow().definition().module(ProtectionModule.ANTI_VIRUS)
                .yes(ModuleOption.MACROS_PROBABLY_INFECTED)).isTrue();

        RuleEditorPage again = new RuleEditorPage(backend.client);
        again.load(Optional.of("Attachments"));
        assertThat(RulesBackend.<TextField>byId(again, "option-CONTENT_FILTERING-banned-names").getValue())
                .isEqualTo("*.exe, *.scr");
        RulesBackend.<TextField>byId(again, "option-CONTENT_FILTERING-max-message-size").setValue("lots");
        RulesBackend.<Button>byId(again, RuleForm.SAVE_ID).click();
        assertThat(status(again, RuleEditorPage.STATUS_ID)).contains("max-message-size: 'lots' is not a size");
    }

    @Test
    void showsTheBackendsRefusalAndKeepsTheInput() {
        RuleEditorPage editor = new RuleEditorPage(backend.client);
        editor.load(Optional.empty());
        RulesBackend.<TextField>byId(editor, RuleForm.NAME_ID).setValue("Broken");
        RulesBackend.<TextArea>byId(editor, "rule-senders").setValue("re:[unclosed\n10.0.0.0/40");
        RulesBackend.<TextArea>byId(editor, "rule-recipients").setValue("*");
        RulesBackend.<Button>byId(editor, RuleForm.SAVE_ID).click();

        assertThat(status(editor, RuleEditorPage.STATUS_ID)).startsWith("Invalid sender pattern").contains("[unclosed");
        assertThat(RulesBackend.<TextField>byId(editor, RuleForm.NAME_ID).getValue()).isEqualTo("Broken");
        assertThat(backend.client.rule("Broken")).isEmpty();

        RulesBackend.<TextArea>byId(editor, "rule-senders").setValue("10.0.0.0/40");
        RulesBackend.<Button>byId(editor, RuleForm.SAVE_ID).click();
        assertThat(status(editor, RuleEditorPage.STATUS_ID)).startsWith("Sender network");
    }

    @Test
    void editsAnExistingRuleAndLocksTheDefaultRulesIdentity() {
        createRule("Partners");
        RuleEditorPage editor = new RuleEditorPage(backend.client);
        editor.load(Optional.of("partners"));
        assertThat(RulesBackend.<TextArea>byId(editor, "rule-senders").getValue())
                .isEqualTo("*@partner.example\n192.0.2.0/24");
        RulesBackend.<Select<RuleMode>>byId(editor, RuleForm.MODE_ID).setValue(RuleMode.REJECT_WITHOUT_SCANNING);
        RulesBackend.<Button>byId(editor, RuleForm.SAVE_ID).click();
        assertThat(backend.client.rule("Partners").orElseThrow().definition().mode())
                .isEqualTo(RuleMode.REJECT_WITHOUT_SCANNING);

        RuleEditorPage defaultEditor = new RuleEditorPage(backend.client);
        defaultEditor.load(Optional.of("Default"));
        assertThat(RulesBackend.<TextField>byId(defaultEditor, RuleForm.NAME_ID).isReadOnly()).isTrue();
        assertThat(RulesBackend.<TextArea>byId(defaultEditor, "rule-senders").isReadOnly()).isTrue();
        assertThat(RulesBackend.<Select<Action>>byId(defaultEditor, "action-ANTI_PHISHING-PHISHING").isReadOnly())
                .isFalse();
        assertThat(RulesBackend.<Details>byId(defaultEditor, "module-ANTI_VIRUS").getSummaryText())
                .isEqualTo("Anti-Virus (on)");
    }

    @Test
    void offersDeleteAttachmentOnlyForStatusesThatPointToParts() {
        RuleEditorPage editor = new RuleEditorPage(backend.client);
        editor.load(Optional.empty());
        Select<Action> infected = byId(editor, "action-ANTI_VIRUS-INFECTED");
        Select<Action> spam = byId(editor, "action-ANTI_SPAM-SPAM");
        assertThat(infected.getGenericDataView().getItems()).contains(Action.DELETE_ATTACHMENT);
        assertThat(spam.getGenericDataView().getItems()).doesNotContain(Action.DELETE_ATTACHMENT)
                .contains(Action.SKIP, Action.REJECT, Action.DELETE_MESSAGE);
    }

    @Test
    void saysSoWhenTheRuleDoesNotExist() {
        RuleEditorPage editor = new RuleEditorPage(backend.client);
        editor.load(Optional.of("Nobody"));
        assertThat(status(editor, RuleEditorPage.STATUS_ID)).isEqualTo("No rule named 'Nobody'");
    }

    @Test
    void classifiesSenderLinesAsNetworksByTheirShape() {
        assertThat(RuleForm.isNetwork("192.0.2.0/24")).isTrue();
        assertThat(RuleForm.isNetwork("10.0.0.0/40")).isTrue();
        assertThat(RuleForm.isNetwork("2001:db8::/32")).isTrue();
        assertThat(RuleForm.isNetwork("::ffff:192.0.2.7")).isTrue();
        assertThat(RuleForm.isNetwork("cafe.be")).isFalse();
        assertThat(RuleForm.isNetwork("*@example.com")).isFalse();
        assertThat(RuleForm.isNetwork("re:.*:.*")).isFalse();
        assertThat(RuleForm.isNetwork("<>")).isFalse();
    }

    // ---- read-only roles

    @Test
    void helpdeskSeesRulesReadOnlyAndTheClientRefusesChanges() {
        createRule("Partners");
        RulesBackend.signIn("harry", "HELPDESK");
        RulesPage page = new RulesPage(backend.client);
        page.refresh();
        assertThat(names(page)).contains("Partners");
        for (String id : List.of(RulesPage.NEW_ID, RulesPage.COPY_ID, RulesPage.DELETE_ID, RulesPage.UP_ID,
                RulesPage.DOWN_ID, RulesPage.ENABLE_ID, RulesPage.DISABLE_ID)) {
            assertThat(RulesBackend.<Button>byId(page, id).isVisible()).as(id).isFalse();
        }
        assertThat(RulesBackend.<Button>byId(page, RulesPage.EDIT_ID).getText()).isEqualTo("View");

        RuleEditorPage editor = new RuleEditorPage(backend.client);
        editor.load(Optional.of("Partners"));
        assertThat(RulesBackend.<Button>byId(editor, RuleForm.SAVE_ID).isVisible()).isFalse();
        assertThat(RulesBackend.<TextField>byId(editor, RuleForm.NAME_ID).isReadOnly()).isTrue();
        assertThat(RulesBackend.<Select<Action>>byId(editor, "action-ANTI_VIRUS-INFECTED").isReadOnly()).isTrue();

        String partners = backend.client.rule("Partners").orElseThrow().ruleId();
        assertThatThrownBy(() -> backend.client.delete(partners)).isInstanceOf(AccessDeniedException.class);
        page.deleteDialog(backend.client.rule("Partners").orElseThrow());
        assertThat(backend.client.rule("Partners")).isPresent();
    }

    @Test
    void anAuditorCannotOpenTheNewRuleForm() {
        RulesBackend.signIn("audrey", "AUDITOR");
        RuleEditorPage editor = new RuleEditorPage(backend.client);
        editor.load(Optional.empty());
        assertThat(status(editor, RuleEditorPage.STATUS_ID)).isEqualTo("Only administrators can create rules");
        assertThat(backend.client.canChange()).isFalse();
    }

    @Test
    void previewImpactShowsHowManyRecordedMessagesTheFormsDefinitionWouldHandleDifferently() {
        createRule("Partners");
        backend.record(scanned("q-partner", "x@partner.example"), scanned("q-other", "y@elsewhere.example"));
        RulesBackend.signIn("carol", "AUDITOR");
        RuleEditorPage editor = new RuleEditorPage(backend.client);
        editor.load(Optional.of("Partners"));
        RulesBackend.<Button>byId(editor, RuleEditorPage.PREVIEW_ID).click();
        assertThat(previewText(editor)).startsWith("0 of 2 messages of the last 7 days");

        // the form's definition, not the saved one: an administrator tries "reject without scanning"
        RulesBackend.signIn("alice", "ADMINISTRATOR");
        RuleEditorPage admin = new RuleEditorPage(backend.client);
        admin.load(Optional.of("Partners"));
        RulesBackend.<Select<RuleMode>>byId(admin, RuleForm.MODE_ID).setValue(RuleMode.REJECT_WITHOUT_SCANNING);
        RulesBackend.<Button>byId(admin, RuleEditorPage.PREVIEW_ID).click();
        assertThat(previewText(admin)).startsWith("1 of 2 messages of the last 7 days").contains("SKIP -> REJECT: 1")
                .contains("q-partner").doesNotContain("q-other");
        assertThat(backend.client.rule("Partners").orElseThrow().definition().mode()).isEqualTo(RuleMode.SCAN);
    }

    @Test
    void thePreviewFollowsTheFormAsTheAdministratorEditsWithoutSaving() {
        createRule("Partners");
        backend.record(scanned("q-partner", "x@partner.example"), scanned("q-other", "y@elsewhere.example"));
        RulesBackend.signIn("alice", "ADMINISTRATOR");
        RuleEditorPage editor = new RuleEditorPage(backend.client);
        editor.load(Optional.of("Partners"));
        // opening the rule shows the baseline: the saved definition changes nothing
        assertThat(previewText(editor)).startsWith("0 of 2 messages of the last 7 days");

        RulesBackend.<Select<RuleMode>>byId(editor, RuleForm.MODE_ID).setValue(RuleMode.REJECT_WITHOUT_SCANNING);
        assertThat(previewText(editor)).startsWith("1 of 2 messages of the last 7 days").contains("SKIP -> REJECT: 1")
                .contains("q-partner").contains("reject without scanning").doesNotContain("q-other");

        // an invalid edit is explained in the preview area, not raised as an error
        RulesBackend.<TextArea>byId(editor, "rule-senders").setValue("re:(");
        assertThat(previewText(editor)).startsWith("No preview: ");
        assertThat(status(editor, RuleEditorPage.STATUS_ID)).isEmpty();

        RulesBackend.<TextArea>byId(editor, "rule-senders").setValue("*@partner.example");
        RulesBackend.<Checkbox>byId(editor, RuleEditorPage.PREVIEW_LIVE_ID).setValue(false);
        RulesBackend.<Select<RuleMode>>byId(editor, RuleForm.MODE_ID).setValue(RuleMode.SCAN);
        assertThat(previewText(editor)).as("switched off: the last preview stays").startsWith("1 of 2");
        assertThat(backend.client.rule("Partners").orElseThrow().definition().mode()).isEqualTo(RuleMode.SCAN);
    }

    private static String previewText(RuleEditorPage editor) {
        return byId(editor, RuleEditorPage.PREVIEW_RESULT_ID).getElement().getTextRecursively();
    }

    private static MessageScannedEvent scanned(String queueId, String sender) {
        List<ModuleVerdict> verdicts = List.of(ModuleVerdict.of(ProtectionModule.ANTI_SPAM, ScanStatus.NOT_SPAM));
        List<String> rcpts = List.of("sales@corp.example");
        return new MessageScannedEvent(new MessageRef(queueId, null, sender, rcpts, 100, "198.51.100.1", "n1"),
                new ScanReport(verdicts, java.util.Map.of(), 1), List.of(new RecipientGroupDecision("default",
                        "Default", rcpts, Action.SKIP, Action.SKIP, List.of(), false, List.of(), List.of(), verdicts)),
                false, java.time.Instant.now());
    }
}
