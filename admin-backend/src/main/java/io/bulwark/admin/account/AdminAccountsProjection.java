package io.bulwark.admin.account;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import io.bulwark.events.admin.AdminAccountCreatedEvent;
import io.bulwark.events.admin.AdminPasswordChangedEvent;
import io.bulwark.events.admin.AdminAccountDeletedEvent;
import io.bulwark.events.admin.AdminAccountDisabledEvent;
import io.bulwark.events.admin.AdminAccountEnabledEvent;
import io.bulwark.events.admin.AdminPasswordChangeRequiredEvent;
import java.util.Date;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Accounts as the login check reads them: one document per account in the MongoDB collection
 * {@value #COLLECTION}, keyed by username.
 *
 * <p>Runs in the subscribing processor {@value #PROCESSING_GROUP} (see
 * {@link io.bulwark.admin.AdminBackendConfiguration}), i.e. in the unit of work of the command, so a
 * new account or password is usable as soon as the command returns. Writes are idempotent
 * (replace by key, set fields), so replaying the account events rebuilds the same documents.
 *
 * <p>Thread-safe: all state is in MongoDB.
 */
@Component
@ProcessingGroup(AdminAccountsProjection.PROCESSING_GROUP)
public class AdminAccountsProjection {

    /** Processing group and processor name. */
    public static final String PROCESSING_GROUP = "admin-accounts";
    /** MongoDB collection of the projection. */
    public static final String COLLECTION = "admin_accounts";

    private final MongoCollection<Document> accounts;

    public AdminAccountsProjection(MongoDatabase database) {
        this.accounts = database.getCollection(COLLECTION);
    }

    @EventHandler
    void on(AdminAccountCreatedEvent event) {
        Document document = new Document("_id", event.username())
                .append("role", event.role())
                .append("passwordHash", event.passwordHash())
                .append("createdAt", Date.from(event.at()))
                .append("passwordChangedAt", Date.from(event.at()));
        accounts.replaceOne(Filters.eq("_id", event.username()), document, new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(AdminPasswordChangedEvent event) {
        accounts.updateOne(Filters.eq("_id", event.username()), Updates.combine(
                Updates.set("passwordHash", event.passwordHash()),
                Updates.set("passwordChangedAt", Date.from(event.at())),
                Updates.set("mustChangePassword", false)));
    }

    /** Only the account's own change clears the requirement; an administrator's reset sets it (event after). */
    @EventHandler
    void on(AdminPasswordChangeRequiredEvent event) {
        accounts.updateOne(Filters.eq("_id", event.username()), Updates.set("mustChangePassword", true));
    }

    @EventHandler
    void on(AdminAccountDisabledEvent event) {
        accounts.updateOne(Filters.eq("_id", event.username()), Updates.set("enabled", false));
    }

    @EventHandler
    void on(AdminAccountEnabledEvent event) {
        accounts.updateOne(Filters.eq("_id", event.username()), Updates.set("enabled", true));
    }

    @EventHandler
    void on(AdminAccountDeletedEvent event) {
        accounts.deleteOne(Filters.eq("_id", event.username()));
    }

    @ResetHandler
    void reset() {
        accounts.deleteMany(new Document());
    }

    /** The account with this username, if any. */
    public Optional<AdminAccountSummary> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(accounts.find(Filters.eq("_id", username)).first()).map(AdminAccountsProjection::summary);
    }

    private static AdminAccountSummary summary(Document d) {
        return new AdminAccountSummary(
                d.getString("_id"),
                d.getString("role"),
                d.getString("passwordHash"),
                d.getDate("createdAt").toInstant(),
                d.getDate("passwordChangedAt").toInstant(),
                d.getBoolean("enabled", true),
                d.getBoolean("mustChangePassword", false));
    }

    /** Every account, by username (no password hashes leave through the API: callers map them away). */
    public java.util.List<AdminAccountSummary> all() {
        java.util.List<AdminAccountSummary> all = new java.util.ArrayList<>();
        for (Document d : accounts.find().sort(new Document("_id", 1))) {
            all.add(summary(d));
        }
        return all;
    }

    /** Whether at least one account exists. */
    public boolean hasAccounts() {
        return accounts.find().limit(1).first() != null;
    }
}
