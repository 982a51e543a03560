package io.bulwark.console.rule;

import static io.bulwark.console.rule.RulesBackend.byId;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.bulwark.events.rule.Action;
import io.bulwark.events.rule.GlobalListEntry;
import io.bulwark.events.rule.GlobalListEntryType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The global lists page without a browser, over the real backend of {@link RulesBackend}. */
class GlobalListsPageTest {

    private RulesBackend backend;
    private GlobalListsPage page;

    @BeforeEach
    void setUp() {
        backend = new RulesBackend();
        RulesBackend.signIn("alice", "ADMINISTRATOR");
        page = new GlobalListsPage(backend.client);
        page.refresh();
    }

    @AfterEach
    void tearDown() {
        backend.close();
    }

    private Grid<GlobalListEntry> grid(String list) {
        return byId(page, "lists-" + list + "-grid");
    }

    private void add(String list, GlobalListEntryType type, String value) {
        RulesBackend.<Select<GlobalListEntryType>>byId(page, "lists-" + list + "-type").setValue(type);
        RulesBackend.<TextField>byId(page, "lists-" + list + "-value").setValue(value);
        RulesBackend.<Button>byId(page, "lists-" + list + "-add").click();
    }

    private String status() {
        return RulesBackend.<Span>byId(page, GlobalListsPage.STATUS_ID).getText();
    }

    @Test
    void addsAndRemovesEntries() {
        add("allow", GlobalListEntryType.ADDRESS, "*@partner.example");
        add("deny", GlobalListEntryType.IP_NETWORK, "203.0.113.0/24");
        GlobalListEntry partner = new GlobalListEntry(GlobalListEntryType.ADDRESS, "*@partner.example");
        assertThat(grid("allow").getGenericDataView().getItems()).containsExactly(partner);
        assertThat(grid("deny").getGenericDataView().getItems())
                .containsExactly(new GlobalListEntry(GlobalListEntryType.IP_NETWORK, "203.0.113.0/24"));
        assertThat(RulesBackend.<TextField>byId(page, "lists-allow-value").getValue()).isEmpty();

        grid("allow").select(partner);
        RulesBackend.<Button>byId(page, "lists-allow-remove").click();
        assertThat(grid("allow").getGenericDataView().getItems()).isEmpty();
        assertThat(backend.client.lists().allow()).isEmpty();
    }

    @Test
    void showsWhyAnEntryIsRefused() {
        add("deny", GlobalListEntryType.IP_NETWORK, "spam.example");
        assertThat(status()).startsWith("Invalid IP_NETWORK entry");
        assertThat(RulesBackend.<TextField>byId(page, "lists-deny-value").getValue()).isEqualTo("spam.example");
        add("deny", GlobalListEntryType.ADDRESS, "  ");
        assertThat(status()).isEqualTo("Enter an address pattern or an IP network");
    }

    @Test
    void changesTheDenyAction() {
        Select<Action> action = byId(page, GlobalListsPage.DENY_ACTION_ID);
        assertThat(action.getValue()).isEqualTo(Action.REJECT);
        action.setValue(Action.DELETE_MESSAGE);
        assertThat(backend.client.lists().denyAction()).isEqualTo(Action.DELETE_MESSAGE);
        page.refresh();
        assertThat(action.getValue()).isEqualTo(Action.DELETE_MESSAGE);
    }

    @Test
    void auditorsSeeTheListsReadOnly() {
        add("deny", GlobalListEntryType.ADDRESS, "spam.example");
        RulesBackend.signIn("audrey", "AUDITOR");
        GlobalListsPage readOnly = new GlobalListsPage(backend.client);
        readOnly.refresh();
        assertThat(RulesBackend.<Grid<GlobalListEntry>>byId(readOnly, "lists-deny-grid").getGenericDataView().getItems())
                .hasSize(1);
        HorizontalLayout controls = (HorizontalLayout) RulesBackend.byId(readOnly, "lists-deny-add").getParent()
                .orElseThrow();
        assertThat(controls.isVisible()).isFalse();
        assertThat(RulesBackend.<Select<Action>>byId(readOnly, GlobalListsPage.DENY_ACTION_ID).isReadOnly()).isTrue();
    }
}
