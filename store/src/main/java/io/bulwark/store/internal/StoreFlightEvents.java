package io.bulwark.store.internal;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Java Flight Recorder events for the counts the mail-path profile needs and no sampler can give:
 * store round trips (one per driver command) and events stored, by type. {@code bench/profile.sh}
 * divides them by the messages of a run, which gives per-message figures that do not depend on how
 * busy the machine is.
 *
 * <p>When no recording is running, {@link Event#shouldCommit()} is false after one volatile read, so
 * the hooks cost nothing measurable on the mail path. Thread-safe.
 */
public final class StoreFlightEvents {

    private StoreFlightEvents() {
    }

    /** One driver command (a round trip to the store), with its name. */
    @Name("io.bulwark.StoreCommand")
    @Label("Store command")
    @Category("Bulwark")
    @Description("One MongoDB driver command: a round trip to the store")
    @StackTrace(false)
    static final class StoreCommand extends Event {
        @Label("Command")
        String command;
        @Label("Succeeded")
        boolean succeeded;
        @Label("Collection")
        String collection;
        @Label("Shape")
        @Description("The filter's field names (a token update also names its processor), to tell hot queries apart")
        String shape;
    }

    /** One query, update or delete inside the embedded server: how many documents it compared with its filter. */
    @Name("io.bulwark.StoreQuery")
    @Label("Store query")
    @Category("Bulwark")
    @Description("Documents the embedded store compared with one query's filter (all of a collection when no unique index serves it)")
    @StackTrace(false)
    static final class StoreQuery extends Event {
        @Label("Collection")
        String collection;
        @Label("Shape")
        @Description("The filter's condition names ($and parts joined by '+', operators after ':'), to tell queries apart")
        String shape;
        @Label("Examined")
        int examined;
    }

    /** One document encoded as BSON by the embedded store when it wrote a page of its collection. */
    @Name("io.bulwark.StoreEncode")
    @Label("Store document encoded")
    @Category("Bulwark")
    @Description("One document encoded into a page the embedded store writes (every document of a changed page)")
    @StackTrace(false)
    static final class StoreEncode extends Event {
        @Label("Collection")
        String collection;
        @Label("Bytes")
        int bytes;
    }

    private static final StoreQuery QUERY_PROBE = new StoreQuery();
    private static final StoreEncode ENCODE_PROBE = new StoreEncode();
    private static final StoreCommand COMMAND_PROBE = new StoreCommand();

    /** Whether a recording wants {@link #query}; one volatile read. */
    static boolean queriesRecorded() {
        return QUERY_PROBE.isEnabled();
    }

    static void query(String collection, String shape, int examined) {
        StoreQuery flight = new StoreQuery();
        if (flight.shouldCommit()) {
            flight.collection = collection;
            flight.shape = shape;
            flight.examined = examined;
            flight.commit();
        }
    }

    static void encoded(String collection, int bytes) {
        if (!ENCODE_PROBE.isEnabled()) {
            return;
        }
        StoreEncode flight = new StoreEncode();
        if (flight.shouldCommit()) {
            flight.collection = collection;
            flight.bytes = bytes;
            flight.commit();
        }
    }

    /** One event newly stored by the event storage engine. */
    @Name("io.bulwark.EventStored")
    @Label("Event stored")
    @Category("Bulwark")
    @Description("One event inserted into the event store (re-appended duplicates are not counted)")
    @StackTrace(false)
    static final class EventStored extends Event {
        @Label("Payload type")
        String payloadType;
    }

    /** Records every command of a client as a {@code io.bulwark.StoreCommand} flight event. */
    public static CommandListener commandListener() {
        // the collection is named only in the started event; kept by request id while a recording runs
        Map<Integer, String[]> collections = new ConcurrentHashMap<>();
        return new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (COMMAND_PROBE.isEnabled()) {
                    BsonDocument command = event.getCommand();
                    BsonValue target = command.get(event.getCommandName());
                    String collection = target != null && target.isString() ? target.asString().getValue() : "";
                    // an insert has no filter: its command, documents included, is not walked for one
                    // (that walk was most of this listener's allocation in the profile)
                    String shape = FILTERED.contains(event.getCommandName()) ? shape(collection, command) : "";
                    collections.put(event.getRequestId(), new String[] {collection, shape});
                }
            }

            @Override
            public void commandSucceeded(CommandSucceededEvent event) {
                record(event.getCommandName(), collections.remove(event.getRequestId()), true);
            }

            @Override
            public void commandFailed(CommandFailedEvent event) {
                record(event.getCommandName(), collections.remove(event.getRequestId()), false);
            }
        };
    }

    /**
     * The field names of a command's filter (find's {@code filter}, the first statement's {@code q} of
     * an update or delete, findAndModify's {@code query}); for the token store's updates also the
     * processor's name, since every processor updates the same kind of document.
     */
    static String shape(String collection, BsonDocument command) {
        BsonDocument filter = null;
        if (command.get("filter") instanceof BsonDocument f) {
            filter = f;
        } else if (command.get("query") instanceof BsonDocument q) {
            filter = q;
        } else {
            for (String statements : List.of("updates", "deletes")) {
                if (command.get(statements) instanceof BsonArray array && !array.isEmpty()
                        && array.get(0) instanceof BsonDocument first && first.get("q") instanceof BsonDocument q) {
                    filter = q;
                }
            }
        }
        if (filter == null) {
            return "";
        }
        String keys = String.join(",", filter.keySet());
        if ("trackingtokens".equals(collection)) {
            // Axon's token store filters with $and: [{processorName}, {segment}, {owner}]
            List<BsonValue> parts = filter.get("$and") instanceof BsonArray and ? and.getValues() : List.of(filter);
            for (BsonValue part : parts) {
                if (part instanceof BsonDocument d && d.get("processorName") instanceof BsonString name) {
                    keys += " " + name.getValue();
                }
            }
        }
        return keys;
    }

    /** The commands that carry a filter ({@link #shape}). */
    private static final java.util.Set<String> FILTERED = java.util.Set.of("find", "update", "delete",
            "findAndModify", "count", "aggregate", "distinct");

    private static void record(String command, String[] target, boolean succeeded) {
        if (target == null && !COMMAND_PROBE.isEnabled()) {
            return;
        }
        StoreCommand flight = new StoreCommand();
        if (!flight.shouldCommit()) {
            return;
        }
        flight.command = command;
        flight.collection = target == null ? "" : target[0];
        flight.shape = target == null ? "" : target[1];
        flight.succeeded = succeeded;
        flight.commit();
    }

    /** Records the events an insert stored (all of a successful one, the others of a partial failure). */
    static void stored(List<PreparedEvent> prepared, List<Integer> inserted) {
        EventStored probe = new EventStored();
        if (!probe.isEnabled()) {
            return;
        }
        for (int i : inserted) {
            EventStored flight = new EventStored();
            flight.payloadType = prepared.get(i).message().getPayloadType().getSimpleName();
            flight.commit();
        }
    }
}
