package io.bulwark.store.internal;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's H2 backend with typed maps: unique indexes whose keys compare directly,
 * and collections whose documents are stored as BSON.
 *
 * <p>Why this exists: mongo-java-server keeps each unique index in an MVMap keyed by its
 * {@code KeyValue} class, opened with H2's generic {@code ObjectDataType}. {@code KeyValue} is not
 * {@code Comparable}, so H2 compares two keys by Java-serializing both and comparing the bytes:
 * every step of every B-tree search builds two {@code ObjectOutputStream}s. The benchmark profile
 * (docs/benchmarks.md) showed that as the largest single cost of the whole gateway, over a third of
 * its CPU, because every event append, every point read and every {@code $in} goes through a
 * unique index. Neither library offers a switch for it, so this subclass opens those maps with a
 * key type that compares element by element with the server's own {@link ValueComparator} (the
 * order MongoDB defines) and stores them in a compact form of its own.
 *
 * <p>For the same reason the documents of each collection are stored as the BSON bytes the server
 * encodes and decodes on the wire anyway ({@link BsonDocumentType}), instead of H2's Java
 * serialization of the library's document class, which was the next largest cost: H2 serializes
 * on every commit and decodes every page it reads back, and the event-store benchmark spent two
 * thirds of its samples there.
 *
 * <p>The maps get new names ({@code ._kv_index_} instead of {@code ._index_};
 * {@code databases.<ns>$bson} instead of {@code databases.<ns>}), because an MVMap's pages can only
 * be read with the types that wrote them. A store written by an earlier version has its old maps
 * copied into the new ones on open; an old map is removed only after the copy was verified (every
 * entry present and equal, the same count) and committed, so a crash during the copy leaves the old
 * map in place and the next start resumes the copy.
 *
 * <p>Consistency: every server command runs inside the {@link WriteGate} (shared), so a commit taken
 * through {@link #writeGate()} never sees a document without its index entries. {@link #verifyIndexes()}
 * checks, at start-up, that each unique index holds exactly the entries its collection's documents
 * give, rebuilds one that does not (a store written before the gate existed, with MVStore's
 * background commits, may have such a state on disk after a crash), and refuses to open a store whose
 * documents break a unique index.
 *
 * <p>Thread-safety as the library's backend (indexes synchronize in the library's base class).
 */
public final class TypedH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(TypedH2Backend.class);
    private static final String OLD_INDEX_INFIX = "._index_";
    private static final String INDEX_INFIX = "._kv_index_";
    /** Prefix of the library's data maps; kept so that its start-up scan still finds our databases. */
    private static final String DATA_PREFIX = "databases.";
    /** MongoDB refuses '$' in collection names, so no real collection can collide with this suffix. */
    private static final String DATA_SUFFIX = "$bson";
    private static final String META_PREFIX = "meta.";

    /** Opened collections and unique indexes; filled while the library's constructor opens them. */
    private List<OpenedCollection> openedCollections;
    private List<OpenedIndex> openedIndexes;
    private final WriteGate gate;
    /** Test hook: runs before each unique index write (to stop a command between data and index). */
    private volatile Runnable beforeIndexWrite;

    public TypedH2Backend(MVStore store) {
        this(store, new WriteGate());
    }

    /** A backend whose commands share {@code gate} with the committer. */
    public TypedH2Backend(MVStore store, WriteGate gate) {
        super(store);
        this.gate = gate;
    }

    /** The gate every command of this backend runs in; commit through it for a consistent state. */
    public WriteGate writeGate() {
        return gate;
    }

    void beforeIndexWrite(Runnable hook) {
        this.beforeIndexWrite = hook;
    }

    private void indexWriting() {
        Runnable hook = beforeIndexWrite;
        if (hook != null) {
            hook.run();
        }
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        return gate.command(() -> super.handleCommand(channel, databaseName, command, query));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return gate.command(() -> super.handleQuery(query));
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        return gate.command(() -> super.handleMessage(message));
    }

    private synchronized void opened(OpenedCollection collection) {
        if (openedCollections == null) {
            openedCollections = new CopyOnWriteArrayList<>();
        }
        openedCollections.removeIf(c -> c.namespace().equals(collection.namespace()));
        openedCollections.add(collection);
    }

    private synchronized void opened(OpenedIndex index) {
        if (openedIndexes == null) {
            openedIndexes = new CopyOnWriteArrayList<>();
        }
        openedIndexes.removeIf(i -> i.namespace().equals(index.namespace()) && i.index().getName().equals(
                index.index().getName()));
        openedIndexes.add(index);
    }

    /**
     * Checks every unique index against its collection's documents, rebuilds the ones that differ,
     * and returns what it repaired (empty when all was consistent). Call before serving clients.
     * A count that matches is taken as consistent unless {@code full}; a count that does not match,
     * or {@code full}, compares entry by entry.
     *
     * @throws IllegalStateException naming the collection, index and key when two documents hold the
     *                               same key of a unique index (the store would have to drop data)
     */
    public synchronized List<String> verifyIndexes(boolean full) {
        return checkIndexes(full, true);
    }

    /**
     * Compares every unique index with its collection's documents entry by entry, changing
     * nothing, and names each index that lacks an entry a document gives or holds one too many:
     * for checks after a crash (a document missing from an index is invisible to lookups by that key).
     */
    public synchronized List<String> inconsistentIndexes() {
        return checkIndexes(true, false);
    }

    private List<String> checkIndexes(boolean full, boolean repair) {
        List<String> repaired = new ArrayList<>();
        if (openedIndexes == null) {
            return repaired;
        }
        for (OpenedIndex opened : openedIndexes) {
            OpenedCollection collection = openedCollections == null ? null : openedCollections.stream()
                    .filter(c -> c.namespace().equals(opened.namespace())).findFirst().orElse(null);
            if (collection == null) {
                continue;
            }
            UniqueIndex index = opened.index();
            if (!full && !index.sparse() && index.getCount() == collection.data().sizeAsLong()) {
                continue;
            }
            if (!index.matches(collection.data())) {
                if (!repair) {
                    repaired.add(opened.namespace() + " index " + index.getName() + ": " + index.getCount()
                            + " entries for " + collection.data().sizeAsLong() + " documents");
                    continue;
                }
                long before = index.getCount();
                index.rebuild(collection.data(), opened.namespace());
                String what = opened.namespace() + " index " + index.getName() + ": " + before + " entries, "
                        + index.getCount() + " after rebuilding from " + collection.data().sizeAsLong() + " documents";
                log.warn("Store index repaired at start-up: {}", what);
                repaired.add(what);
            }
        }
        return repaired;
    }

    private record OpenedCollection(String namespace, MVMap<Object, Document> data) {
    }

    private record OpenedIndex(String namespace, UniqueIndex index) {
    }

    /**
     * Copies an old map into its new one, resuming a copy a crash interrupted, then removes the old
     * map once every entry is verified in the new one and that is committed. Runs at open, before
     * the server takes commands. Commits every {@value #MIGRATION_COMMIT_EVERY} entries to bound
     * memory; the old map stays until the end, so those commits cannot lose anything.
     */
    private <K, V> void migrate(MVStore store, MVMap<K, V> from, MVMap<K, V> to, String what) {
        long copied = 0;
        long seen = 0;
        for (Map.Entry<K, V> entry : from.entrySet()) {
            V present = to.get(entry.getKey());
            if (present == null) {
                to.put(entry.getKey(), entry.getValue());
                copied++;
            } else if (!Objects.equals(present, entry.getValue())) {
                throw new IllegalStateException("Store migration of " + what + " found key " + entry.getKey()
                        + " with a different value in the new map; the old map " + from.getName()
                        + " is kept, nothing was removed");
            }
            if (++seen % MIGRATION_COMMIT_EVERY == 0) {
                store.commit();
            }
        }
        if (to.sizeAsLong() != from.sizeAsLong()) {
            throw new IllegalStateException("Store migration of " + what + ": " + from.sizeAsLong()
                    + " entries in the old map " + from.getName() + " but " + to.sizeAsLong()
                    + " in the new one; the old map is kept, nothing was removed");
        }
        store.commit();
        store.removeMap(from);
        store.commit();
        log.info("{} moved to the new storage: {} entries verified ({} copied now, {} by an earlier start)", what,
                to.sizeAsLong(), copied, to.sizeAsLong() - copied);
    }

    private static final int MIGRATION_COMMIT_EVERY = 50_000;

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    /**
     * Inner (not static) on purpose: the library's constructor opens the indexes before a subclass
     * could store anything, and the outer instance (set before the super call) gives the store.
     */
    private final class Database extends H2Database {

        Database(String name) {
            super(name, getMvStore(), getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            MVStore store = getMvStore();
            String namespace = getFullCollectionNamespace(collectionName);
            MVMap<KeyValue, Object> map = store.openMap(namespace + INDEX_INFIX + indexName,
                    new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE));
            String oldName = namespace + OLD_INDEX_INFIX + indexName;
            if (store.hasMap(oldName)) {
                @SuppressWarnings({"unchecked", "rawtypes"})
                MVMap<KeyValue, Object> old = (MVMap) store.openMap(oldName);
                migrate(store, old, map, "Index " + indexName + " of " + namespace);
            }
            UniqueIndex index = new UniqueIndex(map, indexName, keys, sparse, TypedH2Backend.this::indexWriting);
            opened(new OpenedIndex(namespace, index));
            return index;
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            MVStore store = getMvStore();
            String namespace = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> data = store.openMap(DATA_PREFIX + namespace + DATA_SUFFIX,
                    new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType(collectionName)));
            String oldName = DATA_PREFIX + namespace;
            if (store.hasMap(oldName)) {
                MVMap<Object, Document> old = store.openMap(oldName);
                migrate(store, old, data, "Documents of " + namespace);
            }
            opened(new OpenedCollection(namespace, data));
            MVMap<String, Object> meta = store.openMap(META_PREFIX + namespace);
            return new MeteredCollection(this, collectionName, options, data, meta, getCursorRegistry());
        }

        @Override
        public void dropCollection(String collectionName, Oplog oplog) {
            String name = DATA_PREFIX + getFullCollectionNamespace(collectionName) + DATA_SUFFIX;
            super.dropCollection(collectionName, oplog);
            if (getMvStore().hasMap(name)) {
                getMvStore().removeMap(name);
            }
        }

        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
            String from = DATA_PREFIX + collection.getFullName() + DATA_SUFFIX;
            super.moveCollection(oldDatabase, collection, newCollectionName);
            MVStore store = getMvStore();
            if (store.hasMap(from)) {
                store.renameMap(store.openMap(from, new MVMap.Builder<Object, Document>()
                        .valueType(BsonDocumentType.INSTANCE)),
                        DATA_PREFIX + getFullCollectionNamespace(newCollectionName) + DATA_SUFFIX);
            }
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            String name = getFullCollectionNamespace(collection.getCollectionName()) + INDEX_INFIX + indexName;
            if (getMvStore().hasMap(name)) {
                getMvStore().removeMap(name);
            }
        }
    }

    /**
     * The library's collection, with two additions. It answers the filters the library would scan
     * for but a unique index decides ({@link IndexPlan}: {@code $and} of equalities, ranges and
     * newest-first on {@code _id}) from that index; the server still tests each candidate against the
     * whole filter. And it counts for a flight recording how many documents each query, update or
     * delete compared with its filter ({@code io.bulwark.StoreQuery}, docs/benchmarks.md "Store cost
     * per message"): a filter no unique index serves compares every document of the collection.
     * Without a recording the count costs one volatile read per query.
     */
    private static final class MeteredCollection extends H2Collection {
        private static final ThreadLocal<int[]> EXAMINED = ThreadLocal.withInitial(() -> new int[1]);
        /**
         * Whether an update or a findAndModify runs (see {@link #updateDocuments}). Guarded by this
         * collection's monitor, which the library holds around every query and update.
         */
        private boolean writing;

        MeteredCollection(MongoDatabase database, String name, CollectionOptions options,
                MVMap<Object, Document> data, MVMap<String, Object> meta,
                de.bwaldvogel.mongo.backend.CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        /**
         * Updates the copies of the matching documents, never the stored objects themselves.
         *
         * <p>Why: the library applies an update to the document object its query returned, in place,
         * and that object is the one the map holds, which earlier commands may have returned and may
         * still be encoding for their clients after the collection's lock was let go. A
         * findAndModify answered with the stored object, and an {@code $inc} by the next command
         * changed it before it was encoded: two clients were told the same counter value, so two
         * Backup copies got the same number and one of them a 451 (docs/benchmarks.md, fifteenth
         * session). With copies, an object once handed out is never changed again; the copy that
         * the update changed is the one the map holds from then on. MongoDB makes a single-document
         * update atomic, and the store's counters rely on that.
         */
        @Override
        public synchronized Document updateDocuments(Document selector, Document update,
                de.bwaldvogel.mongo.backend.ArrayFilters arrayFilters, boolean isMulti, boolean isUpsert,
                Oplog oplog) {
            return writing(() -> super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog));
        }

        /** As {@link #updateDocuments}: the document the command changes and answers with is a copy. */
        @Override
        public synchronized Document findAndModify(Document query) {
            return writing(() -> super.findAndModify(query));
        }

        private synchronized <T> T writing(java.util.function.Supplier<T> command) {
            boolean before = writing;
            writing = true;
            try {
                return command.get();
            } finally {
                writing = before;
            }
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                Document fieldSelector) {
            QueryResult result;
            if (!StoreFlightEvents.queriesRecorded()) {
                result = planned(query, orderBy, skip, limit, batchSize, fieldSelector);
            } else {
                int[] examined = EXAMINED.get();
                int before = examined[0];
                result = planned(query, orderBy, skip, limit, batchSize, fieldSelector);
                StoreFlightEvents.query(getCollectionName(), IndexPlan.shape(query), examined[0] - before);
            }
            return writing ? copies(result) : result;
        }

        private static QueryResult copies(QueryResult result) {
            List<Document> copies = new ArrayList<>();
            for (Document document : result) {
                copies.add(document.cloneDeeply());
            }
            return new QueryResult(copies, result.getCursorId());
        }

        private QueryResult planned(Document query, Document orderBy, int skip, int limit, int batchSize,
                Document fieldSelector) {
            List<Index<Object>> indexes = getIndexes();
            for (Index<Object> index : indexes) {
                if (index.canHandle(query)) {
                    // the library's own look-up (a value or $in on exactly the index's fields), as its
                    // queryDocuments does it, without asking every index again
                    return matchDocuments(query, index.getPositions(query), orderBy, skip, limit, batchSize,
                            fieldSelector);
                }
            }
            List<UniqueIndex> unique = new ArrayList<>(indexes.size());
            for (Index<Object> index : indexes) {
                if (index instanceof UniqueIndex mine) {
                    unique.add(mine);
                }
            }
            List<Object> candidates = IndexPlan.candidates(unique, query, orderBy, skip, limit);
            if (candidates == null) {
                return matchDocuments(query, orderBy, skip, limit, batchSize, fieldSelector); // the scan
            }
            return matchDocuments(query, candidates, orderBy, skip, limit, batchSize, fieldSelector);
        }

        @Override
        protected boolean documentMatchesQuery(Document document, Document query) {
            EXAMINED.get()[0]++;
            return super.documentMatchesQuery(document, query);
        }
    }

    /** The library's H2 unique index, on a map with {@link KeyValueType} keys. */
    private static final class UniqueIndex extends AbstractUniqueIndex<Object> implements IndexPlan.Lookup {
        private final MVMap<KeyValue, Object> map;
        private final Runnable beforeWrite;

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse,
                Runnable beforeWrite) {
            super(name, keys, sparse);
            this.map = map;
            this.beforeWrite = beforeWrite;
        }

        boolean sparse() {
            return isSparse();
        }

        @Override
        public List<String> fields() {
            return keys();
        }

        @Override
        public Object position(KeyValue key) {
            return map.get(key);
        }

        @Override
        public java.util.Iterator<Map.Entry<KeyValue, Object>> walk(KeyValue from, boolean descending) {
            org.h2.mvstore.Cursor<KeyValue, Object> cursor = map.cursor(from, null, descending);
            return new java.util.Iterator<>() {
                @Override
                public boolean hasNext() {
                    return cursor.hasNext();
                }

                @Override
                public Map.Entry<KeyValue, Object> next() {
                    KeyValue key = cursor.next();
                    return Map.entry(key, cursor.getValue());
                }
            };
        }

        /** The keys a document puts into this index; none for a sparse index without its fields. */
        private java.util.Set<KeyValue> keysOf(Document document) {
            if (isSparse() && keys().stream().allMatch(key -> Utils.getSubdocumentValue(document, key)
                    instanceof Missing)) {
                return java.util.Set.of();
            }
            return getKeyValues(document);
        }

        /** Whether the index holds exactly the entries that the documents give, and nothing else. */
        boolean matches(MVMap<Object, Document> data) {
            long expected = 0;
            for (Map.Entry<Object, Document> entry : data.entrySet()) {
                Object position = Missing.ofNullable(entry.getKey());
                for (KeyValue key : keysOf(entry.getValue())) {
                    expected++;
                    if (!position.equals(map.get(key))) {
                        return false;
                    }
                }
            }
            return expected == map.sizeAsLong();
        }

        /** Replaces the index's entries with the ones the documents give. */
        void rebuild(MVMap<Object, Document> data, String namespace) {
            map.clear();
            for (Map.Entry<Object, Document> entry : data.entrySet()) {
                Object position = Missing.ofNullable(entry.getKey());
                for (KeyValue key : keysOf(entry.getValue())) {
                    Object other = map.putIfAbsent(key, position);
                    if (other != null && !other.equals(position)) {
                        throw new IllegalStateException("The store's collection " + namespace + " holds two documents ("
                                + other + " and " + entry.getKey() + ") with the same key " + key + " of its unique index "
                                + getName() + "; refusing to open it rather than drop one. Restore the store from a "
                                + "backup, or remove one of the two documents with a MongoDB tool.");
                    }
                }
            }
        }

        @Override
        protected Object removeDocument(KeyValue keyValue) {
            return map.remove(keyValue);
        }

        @Override
        protected boolean putKeyPosition(KeyValue keyValue, Object position) {
            beforeWrite.run();
            return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue keyValue) {
            return map.get(keyValue);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    /**
     * Index keys: compared element by element with MongoDB's value order (shorter key first on a
     * common prefix). Stored compactly: element count, then per element a tag and the value for
     * strings, longs, integers, doubles, booleans, null and "missing" (what our indexes hold), and
     * H2's object serialization for anything else. Java serialization for every key made reading an
     * index page from the file a visible cost in the profile.
     */
    static final class KeyValueType extends BasicDataType<KeyValue> {
        static final KeyValueType INSTANCE = new KeyValueType();
        private static final Comparator<Object> VALUES = ValueComparator.asc();
        private static final byte NULL = 0;
        private static final byte MISSING = 1;
        private static final byte STRING = 2;
        private static final byte LONG = 3;
        private static final byte INT = 4;
        private static final byte DOUBLE = 5;
        private static final byte TRUE = 6;
        private static final byte FALSE = 7;
        private static final byte OTHER = 8;

        private final ObjectDataType other = new ObjectDataType();

        @Override
        public int compare(KeyValue a, KeyValue b) {
            if (a == b) {
                return 0;
            }
            int n = Math.min(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                int c = VALUES.compare(a.get(i), b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.size(), b.size());
        }

        @Override
        public int getMemory(KeyValue key) {
            int memory = 48;
            for (Object value : key) {
                memory += value instanceof String text ? 48 + 2 * text.length() : 24;
            }
            return memory;
        }

        @Override
        public void write(WriteBuffer buffer, KeyValue key) {
            buffer.putVarInt(key.size());
            for (Object value : key) {
                if (value == null) {
                    buffer.put(NULL);
                } else if (value == Missing.getInstance()) {
                    buffer.put(MISSING);
                } else if (value instanceof String text) {
                    buffer.put(STRING).putVarInt(text.length()).putStringData(text, text.length());
                } else if (value instanceof Long number) {
                    buffer.put(LONG).putVarLong(number);
                } else if (value instanceof Integer number) {
                    buffer.put(INT).putVarInt(number);
                } else if (value instanceof Double number) {
                    buffer.put(DOUBLE).putDouble(number);
                } else if (value instanceof Boolean flag) {
                    buffer.put(flag ? TRUE : FALSE);
                } else {
                    buffer.put(OTHER);
                    other.write(buffer, value);
                }
            }
        }

        @Override
        public KeyValue read(ByteBuffer buffer) {
            int size = DataUtils.readVarInt(buffer);
            Object[] values = new Object[size];
            for (int i = 0; i < size; i++) {
                byte tag = buffer.get();
                values[i] = switch (tag) {
                    case NULL -> null;
                    case MISSING -> Missing.getInstance();
                    case STRING -> DataUtils.readString(buffer);
                    case LONG -> DataUtils.readVarLong(buffer);
                    case INT -> DataUtils.readVarInt(buffer);
                    case DOUBLE -> buffer.getDouble();
                    case TRUE -> Boolean.TRUE;
                    case FALSE -> Boolean.FALSE;
                    case OTHER -> other.read(buffer);
                    default -> throw new IllegalStateException("Unknown index key tag " + tag);
                };
            }
            return new KeyValue(values);
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }
    }

    /**
     * Collection documents, stored as BSON with the server's own wire codec: every document the
     * server holds came in through that decoder and goes out through that encoder, so the stored
     * form loses nothing a client could see.
     */
    static final class BsonDocumentType extends BasicDataType<Document> {
        static final BsonDocumentType INSTANCE = new BsonDocumentType("");

        /** The collection, named in the flight events that count the bytes encoded. */
        private final String collection;

        BsonDocumentType(String collection) {
            this.collection = collection;
        }

        @Override
        public int getMemory(Document document) {
            return 64 + estimate(document);
        }

        private static int estimate(Object value) {
            if (value instanceof Map<?, ?> map) {
                int size = 32;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    size += 48 + 2 * String.valueOf(entry.getKey()).length() + estimate(entry.getValue());
                }
                return size;
            }
            if (value instanceof Collection<?> list) {
                int size = 32;
                for (Object element : list) {
                    size += 8 + estimate(element);
                }
                return size;
            }
            if (value instanceof String text) {
                return 40 + 2 * text.length();
            }
            if (value instanceof byte[] bytes) {
                return 16 + bytes.length;
            }
            if (value instanceof BinData binary) {
                // Binary values come from the wire decoder wrapped: counted as a small object they
                // let 48 Backup chunks (up to 255 KB each) share one leaf page, and every commit
                // that added one encoded and wrote all of them again (issue 19: 94 of the 125 KB
                // the store encoded per message); the page cache undercounted them the same way.
                return 32 + binary.getData().length;
            }
            return 24;
        }

        @Override
        public void write(WriteBuffer buffer, Document document) {
            // One scratch buffer per writing thread instead of a new growing one per document: every
            // document of a changed page is encoded on each commit, and the per-document buffers were
            // a visible share of the store's allocation (docs/benchmarks.md, "Store cost per message")
            ByteBuf bson = SCRATCH.get();
            bson.clear();
            try {
                BsonEncoder.encodeDocument(document, bson);
                int length = bson.readableBytes();
                StoreFlightEvents.encoded(collection, length);
                buffer.putVarInt(length);
                buffer.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
            } finally {
                if (bson.capacity() > SCRATCH_KEPT) {
                    SCRATCH.remove(); // a rare large document does not pin its buffer to the thread
                }
            }
        }

        /** Largest scratch buffer a thread keeps between documents. */
        private static final int SCRATCH_KEPT = 256 * 1024;
        private static final ThreadLocal<ByteBuf> SCRATCH = ThreadLocal.withInitial(() -> Unpooled.buffer(4096));

        @Override
        public Document read(ByteBuffer buffer) {
            int length = DataUtils.readVarInt(buffer);
            byte[] bson = new byte[length];
            buffer.get(bson);
            return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
        }

        @Override
        public Document[] createStorage(int size) {
            return new Document[size];
        }
    }
}
