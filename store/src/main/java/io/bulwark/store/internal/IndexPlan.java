package io.bulwark.store.internal;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds, for a filter the embedded server would answer by comparing every document of a collection,
 * the few documents a unique index already names: the candidates the server then still tests
 * against the whole filter, so an answer can only be as right as the scan's.
 *
 * <p>Why this exists: mongo-java-server serves a filter from an index only when the filter's field
 * names are exactly the index's, with a value or an {@code $in}. Three shapes on the mail path fall
 * through to a scan of the whole collection (docs/event-store.md, "What the store examines"):
 * <ul>
 * <li>an {@code $and} of equalities, which is how Axon's token store names a token
 * ({@code {$and: [{processorName}, {segment}, ...]}}): every token update compared every token;</li>
 * <li>a range on {@code _id} ({@code $gt}/{@code $gte}, optionally bounded above), sorted by
 * {@code _id} with a limit: the event log's and the tracking reader's jump over a hole, and the
 * history sealer's read at the head of the log, which compared every stored event once a second;</li>
 * <li>no filter, sorted by {@code _id} with a limit (the newest event).</li>
 * </ul>
 * Each is answered here by a look-up or a walk of the unique index's ordered map instead. Queries
 * keep being plain MongoDB, so a real replica set answers them the same way (with its own indexes).
 *
 * <p>A candidate is offered only where MongoDB's rules make the index complete for the filter: an
 * equality on a string, number, boolean or ObjectId (a document with that value has it in every
 * unique index on the field, sparse or not, arrays included); a numeric range on {@code _id} (never
 * an array, and numbers are one bracket of MongoDB's value order, so the walk stops at the first key
 * that is not a number). Anything else returns {@code null} and the server scans as before.
 *
 * <p>Stateless; thread-safe as the indexes it reads.
 */
final class IndexPlan {

    private static final Comparator<Object> VALUES = ValueComparator.asc();
    private static final String ID = "_id";

    private IndexPlan() {
    }

    /** What the plan needs of a unique index. */
    interface Lookup {
        /** The indexed field names, in key order. */
        List<String> fields();

        /** The position of the document holding {@code key}, or {@code null}. */
        Object position(KeyValue key);

        /** Positions in key order from {@code from} (inclusive; {@code null} for the first or last key). */
        Iterator<Map.Entry<KeyValue, Object>> walk(KeyValue from, boolean descending);
    }

    /**
     * The candidate positions for {@code filter}, or {@code null} when no index decides it.
     *
     * @param limit  the query's limit (0 for none); with {@code skip} it bounds a walk in sort order
     */
    static List<Object> candidates(List<? extends Lookup> indexes, Document filter, Document orderBy, int skip,
            int limit) {
        if (filter.isEmpty()) {
            return newest(indexes, orderBy, skip, limit);
        }
        if (filter.size() == 1 && filter.get(ID) instanceof Document range) {
            List<Object> walked = idRange(indexes, range, orderBy, skip, limit);
            if (walked != null) {
                return walked;
            }
        }
        Map<String, Object> equal = new HashMap<>();
        collectEqualities(filter, equal);
        if (equal.isEmpty()) {
            return null;
        }
        for (Lookup index : indexes) {
            List<String> fields = index.fields();
            if (!equal.keySet().containsAll(fields)) {
                continue;
            }
            List<Object> values = new ArrayList<>(fields.size());
            for (String field : fields) {
                values.add(equal.get(field));
            }
            Object position = index.position(new KeyValue(values).normalized());
            return position == null ? List.of() : List.of(position);
        }
        return null;
    }

    /**
     * Equalities the filter requires: top-level fields and those of (nested) {@code $and} elements,
     * given as a value or {@code {$eq: value}}. Other conditions are left to the server's test.
     */
    private static void collectEqualities(Document filter, Map<String, Object> into) {
        for (Map.Entry<String, Object> entry : filter.entrySet()) {
            String field = entry.getKey();
            Object value = entry.getValue();
            if (field.equals("$and") && value instanceof List<?> parts) {
                for (Object part : parts) {
                    if (part instanceof Document document) {
                        collectEqualities(document, into);
                    }
                }
            } else if (!field.startsWith("$")) {
                if (value instanceof Document condition && condition.size() == 1 && condition.containsKey("$eq")) {
                    value = condition.get("$eq");
                }
                if (plain(value)) {
                    into.putIfAbsent(field, value);
                }
            }
        }
    }

    /** A value every unique index on its field holds for each document that equals it. */
    private static boolean plain(Object value) {
        return value instanceof String || value instanceof Boolean || value instanceof ObjectId
                || value instanceof Number number && !(number instanceof Double d && d.isNaN())
                        && !(number instanceof Float f && f.isNaN());
    }

    /** {@code {_id: {$gt|$gte: n[, $lt|$lte: m]}}} with numbers, walked in {@code _id} order. */
    private static List<Object> idRange(List<? extends Lookup> indexes, Document range, Document orderBy, int skip,
            int limit) {
        Object lower = null;
        boolean lowerIncluded = false;
        Object upper = null;
        boolean upperIncluded = false;
        for (Map.Entry<String, Object> bound : range.entrySet()) {
            if (!(bound.getValue() instanceof Number number) || number instanceof Double d && d.isNaN()) {
                return null;
            }
            switch (bound.getKey()) {
                case "$gt" -> lower = number;
                case "$gte" -> {
                    lower = number;
                    lowerIncluded = true;
                }
                case "$lt" -> upper = number;
                case "$lte" -> {
                    upper = number;
                    upperIncluded = true;
                }
                default -> {
                    return null;
                }
            }
        }
        Lookup index = idIndex(indexes);
        if (lower == null || index == null) {
            return null;
        }
        int wanted = wantedInIdOrder(orderBy, false, skip, limit);
        List<Object> positions = new ArrayList<>();
        Iterator<Map.Entry<KeyValue, Object>> walk = index.walk(new KeyValue(lower).normalized(), false);
        while (walk.hasNext() && positions.size() < wanted) {
            Map.Entry<KeyValue, Object> entry = walk.next();
            Object id = entry.getKey().get(0);
            if (!(id instanceof Number)) {
                break; // past the numbers in MongoDB's value order
            }
            if (upper != null) {
                int c = VALUES.compare(id, upper);
                if (c > 0 || c == 0 && !upperIncluded) {
                    break;
                }
            }
            if (!lowerIncluded && VALUES.compare(id, lower) == 0) {
                continue;
            }
            positions.add(entry.getValue());
        }
        return positions;
    }

    /** No filter, sorted by {@code _id} either way, with a limit: the first keys of the index. */
    private static List<Object> newest(List<? extends Lookup> indexes, Document orderBy, int skip, int limit) {
        Lookup index = idIndex(indexes);
        if (index == null || limit <= 0 || orderBy == null || orderBy.size() != 1
                || !(orderBy.get(ID) instanceof Number direction)) {
            return null;
        }
        boolean descending = direction.intValue() == -1;
        int wanted = wantedInIdOrder(orderBy, descending, skip, limit);
        List<Object> positions = new ArrayList<>();
        Iterator<Map.Entry<KeyValue, Object>> walk = index.walk(null, descending);
        while (walk.hasNext() && positions.size() < wanted) {
            positions.add(walk.next().getValue());
        }
        return positions;
    }

    /**
     * How many index entries a walk must offer: {@code skip + limit} when the query is sorted in the
     * walk's order (or not at all, where any order is MongoDB's answer), else all of them.
     */
    private static int wantedInIdOrder(Document orderBy, boolean descending, int skip, int limit) {
        boolean inOrder = orderBy == null || orderBy.isEmpty()
                || orderBy.size() == 1 && orderBy.get(ID) instanceof Number direction
                        && direction.intValue() == (descending ? -1 : 1);
        return inOrder && limit > 0 ? skip + limit : Integer.MAX_VALUE;
    }

    private static Lookup idIndex(List<? extends Lookup> indexes) {
        for (Lookup index : indexes) {
            if (index.fields().equals(List.of(ID))) {
                return index;
            }
        }
        return null;
    }

    /** The names of a filter's conditions, for the flight recording ({@code $and} parts joined by '+'). */
    static String shape(Document filter) {
        StringBuilder shape = new StringBuilder();
        for (Map.Entry<String, Object> entry : filter.entrySet()) {
            if (!shape.isEmpty()) {
                shape.append(',');
            }
            shape.append(entry.getKey());
            if (entry.getValue() instanceof Document condition && !condition.isEmpty()
                    && condition.keySet().iterator().next().startsWith("$")) {
                shape.append(':').append(String.join(":", condition.keySet()));
            } else if (entry.getKey().equals("$and") && entry.getValue() instanceof List<?> parts) {
                List<String> names = new ArrayList<>();
                for (Object part : parts) {
                    if (part instanceof Document document) {
                        names.add(shape(document));
                    }
                }
                shape.append('(').append(String.join("+", names)).append(')');
            }
        }
        return shape.toString();
    }
}
