package io.bulwark.console.account;

import static io.bulwark.console.kit.PageQueries.byId;
import static io.bulwark.console.kit.PageQueries.elements;
import static io.bulwark.console.kit.PageQueries.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.bulwark.admin.account.AccountAdministration;
import io.bulwark.admin.account.AccountAdministration.AccountView;
import io.bulwark.admin.account.AdminAccount;
import io.bulwark.admin.account.AdminAccountsProjection;
import io.bulwark.console.kit.PageQueries;
import io.bulwark.admin.axon.AggregateCommandTargetResolver;
import io.bulwark.events.admin.CreateAdminAccountCommand;
import java.util.List;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The accounts and password pages without a browser, over the real backend: the account aggregate,
 * the subscribing accounts projection on an in-memory MongoDB, and the administration service.
 */
class AccountsPageTest {
    private static final BCryptPasswordEncoder ENCODER = new BCryptPasswordEncoder(4);

    private MongoServer server;
    private MongoClient mongo;
    private Configuration axon;
    private AccountsClient client;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        mongo = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        AdminAccountsProjection projection = new AdminAccountsProjection(mongo.getDatabase("console-accounts"));
        axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(AggregateConfigurer.defaultConfiguration(AdminAccount.class)
                        .configureCommandTargetResolver(c -> new AggregateCommandTargetResolver()))
                .eventProcessing(processing -> processing
                        .registerSubscribingEventProcessor(AdminAccountsProjection.PROCESSING_GROUP)
                        .registerEventHandler(c -> projection))
                .buildConfiguration();
        axon.start();
        axon.commandGateway().sendAndWait(new CreateAdminAccountCommand("root", "ADMINISTRATOR",
                ENCODER.encode("root's long password"), "system"));
        client = new AccountsClient(new AccountAdministration(axon.commandGateway(), projection, ENCODER));
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        axon.shutdown();
        mongo.close();
        server.shutdownNow();
    }

    private static List<AccountView> rows(AccountsPage page) {
        Grid<AccountView> grid = byId(page, AccountsPage.GRID_ID);
        return grid.getGenericDataView().getItems().toList();
    }

    private static String status(Component page, String id) {
        return PageQueries.<Span>byId(page, id).getText();
    }

    @Test
    void anAdministratorCreatesAnAccountWhoseOwnerMustThenChooseAPassword() {
        signIn("root", "ADMINISTRATOR");
        AccountsPage accounts = new AccountsPage(client);
        accounts.refresh();
        Dialog dialog = accounts.createDialog();
        PageQueries.<TextField>byId(dialog, AccountsPage.USERNAME_ID).setValue("desk");
        PageQueries.<Select<String>>byId(dialog, AccountsPage.ROLE_ID).setValue("HELPDESK");
        PageQueries.<PasswordField>byId(dialog, AccountsPage.PASSWORD_ID).setValue("first one from root");
        elements(dialog.getFooter().getElement()).filter(e -> AccountsPage.SAVE_ID.equals(e.getAttribute("id")))
                .map(e -> (Button) e.getComponent().orElseThrow()).findFirst().orElseThrow().click();
        assertThat(status(accounts, AccountsPage.STATUS_ID)).isEqualTo("Account desk created");
        assertThat(rows(accounts)).extracting(a -> a.username() + " " + a.role() + " " + a.mustChangePassword())
                .containsExactly("desk HELPDESK true", "root ADMINISTRATOR false");

        signIn("desk", "HELPDESK");
        assertThat(client.mustChangePassword()).isTrue();
        PasswordPage password = new PasswordPage(client);
        byId(password, PasswordPage.CURRENT_ID);
        PageQueries.<PasswordField>byId(password, PasswordPage.CURRENT_ID).setValue("first one from root");
        PageQueries.<PasswordField>byId(password, PasswordPage.NEW_ID).setValue("my very own phrase");
        PageQueries.<PasswordField>byId(password, PasswordPage.REPEAT_ID).setValue("my very own phrasf");
        password.save();
        assertThat(status(password, PasswordPage.STATUS_ID)).isEqualTo("The new password and its repetition differ");
        PageQueries.<PasswordField>byId(password, PasswordPage.REPEAT_ID).setValue("my very own phrase");
        password.save();
        assertThat(status(password, PasswordPage.STATUS_ID)).isEqualTo("Password changed");
        assertThat(client.mustChangePassword()).isFalse();
    }

    @Test
    void theLastAdministratorCannotBeDeletedAndOthersCannotManageAccounts() {
        signIn("root", "ADMINISTRATOR");
        AccountsPage accounts = new AccountsPage(client);
        accounts.refresh();
        PageQueries.<Grid<AccountView>>byId(accounts, AccountsPage.GRID_ID).select(rows(accounts).getFirst());
        PageQueries.<Button>byId(accounts, AccountsPage.DELETE_ID).click();
        assertThat(status(accounts, AccountsPage.STATUS_ID))
                .isEqualTo("'root' is the last enabled administrator and cannot be deleted");

        signIn("viewer", "AUDITOR");
        assertThat(client.canManage()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.delete("root"))
                .hasMessage("Only an administrator manages accounts");
    }
}
