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
        Map<Integer, String> collections = new ConcurrentHashMap<>();
        return new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (new StoreCommand().isEnabled()) {
                    BsonValue target = event.getCommand().get(event.getCommandName());
                    collections.put(event.getRequestId(), target != null && target.isString()
                            ? target.asString().getValue() : "");
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

    private static void record(String command, String collection, boolean succeeded) {
        StoreCommand flight = new StoreCommand();
        if (!flight.shouldCommit()) {
            return;
        }
        flight.command = command;
        flight.collection = collection == null ? "" : collection;
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
