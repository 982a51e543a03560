package io.bulwark.store.secrets;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.core.env.PropertyResolver;

/**
 * Where a node finds the master key, the one home for every component that needs it (the admin
 * backend seals keys, every gateway node opens them), so all of them read the same settings:
 *
 * <ol>
 *   <li>{@code bulwark.master-key} (environment: {@code BULWARK_MASTER_KEY}): the key itself, 32
 *       bytes base64, e.g. from a secret store;</li>
 *   <li>otherwise the file {@code bulwark.master-key-file}, or the older name
 *       {@code bulwark.tls.master-key-file}, default {@code ${bulwark.data-dir}/tls/master.key}:
 *       created (mode 0600) when missing unless {@code bulwark.master-key-create=false}, which a
 *       cluster node should set so that a missing file stops it instead of giving it a key of its
 *       own.</li>
 * </ol>
 *
 * <p>The store keeps the key's {@linkplain MasterKey#checkValue() check value}: the first node to
 * start records it, and every later node with another key refuses to start, saying so, because it
 * could neither open the certificates and DKIM keys the others sealed nor seal keys they can open.
 * An operator who lost the old key for good starts one node with
 * {@code bulwark.master-key-replace=true} to record the new key (the keys sealed with the old one
 * stay unreadable and must be issued again).
 */
public final class MasterKeyProvisioning {
    public static final String KEY = "bulwark.master-key";
    public static final String FILE = "bulwark.master-key-file";
    public static final String LEGACY_FILE = "bulwark.tls.master-key-file";
    public static final String CREATE = "bulwark.master-key-create";
    public static final String REPLACE = "bulwark.master-key-replace";
    /** Collection with one document: the check value of the store's master key. */
    public static final String COLLECTION = "master_key";
    private static final String ID = "master-key";

    private MasterKeyProvisioning() {
    }

    /** The master key as the settings provision it, checked against the one the store records. */
    public static MasterKey load(PropertyResolver settings, MongoDatabase database) throws IOException {
        MasterKey key = load(settings);
        verify(key, database, settings.getProperty(REPLACE, Boolean.class, false));
        return key;
    }

    /** The master key as the settings provision it (value, or file created when allowed). */
    public static MasterKey load(PropertyResolver settings) throws IOException {
        String value = settings.getProperty(KEY);
        if (value != null && !value.isBlank()) {
            return MasterKey.fromBase64(value);
        }
        Path file = keyFile(settings);
        if (!Files.exists(file) && !settings.getProperty(CREATE, Boolean.class, true)) {
            throw new IOException("no master key: " + file + " does not exist and " + CREATE + " is false;"
                    + " copy the cluster's key file there (mode 0600) or set " + KEY + " (docs/cluster.md)");
        }
        return MasterKey.loadOrCreate(file);
    }

    /** The key file these settings name. */
    public static Path keyFile(PropertyResolver settings) {
        String file = settings.getProperty(FILE);
        if (file == null || file.isBlank()) {
            file = settings.getProperty(LEGACY_FILE);
        }
        if (file == null || file.isBlank()) {
            return Path.of(settings.getProperty("bulwark.data-dir", "./data"), "tls", "master.key");
        }
        return Path.of(file);
    }

    /**
     * Records the key's check value if the store has none yet, else compares it.
     *
     * @throws IllegalStateException when the store records another key (and {@code replace} is off)
     */
    public static void verify(MasterKey key, MongoDatabase database, boolean replace) {
        MongoCollection<Document> checks = database.getCollection(COLLECTION);
        Binary mine = new Binary(key.checkValue());
        if (replace) {
            checks.updateOne(Filters.eq("_id", ID), Updates.combine(Updates.set("check", mine),
                    Updates.set("recordedAt", java.util.Date.from(Instant.now()))), new UpdateOptions().upsert(true));
            return;
        }
        try {
            checks.updateOne(Filters.eq("_id", ID), Updates.combine(Updates.setOnInsert("check", mine),
                    Updates.setOnInsert("recordedAt", java.util.Date.from(Instant.now()))),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // two nodes starting at once both tried to insert: the other's document is there now
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document recorded = checks.find(Filters.eq("_id", ID)).first();
        Binary theirs = recorded == null ? null : recorded.get("check", Binary.class);
        if (theirs == null || !MessageDigest.isEqual(theirs.getData(), mine.getData())) {
            throw new IllegalStateException("this node's master key is not the key the store's other nodes use:"
                    + " it could not open the certificates and DKIM keys they sealed. Provision the same key on"
                    + " every node (" + KEY + " or " + FILE + ", docs/cluster.md). If the old key is lost for good,"
                    + " start once with " + REPLACE + "=true; keys sealed with the old one must then be issued again.");
        }
    }
}
