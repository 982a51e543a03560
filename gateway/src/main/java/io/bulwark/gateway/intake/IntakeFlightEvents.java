package io.bulwark.gateway.intake;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Java Flight Recorder events for the stages between the end of a message's content and its reply:
 * spooling (the content's last bytes, fsync), judging (of which the data-phase processor: parse,
 * scan, decision) and committing (hold, spool metadata with fsync, events handed to the publisher).
 * {@code bench/latency.sh} turns them into the DATA→250 breakdown in docs/benchmarks.md. With no
 * recording running, {@link Event#shouldCommit()} is one volatile read.
 */
final class IntakeFlightEvents {
    private IntakeFlightEvents() {
    }

    /** One stage of one message's DATA phase. */
    @Name("io.bulwark.IntakeStage")
    @Label("Intake stage")
    @Category("Bulwark")
    @Description("One stage of a message's DATA phase: spool, judge, process (inside judge) or commit")
    @StackTrace(false)
    static final class Stage extends Event {
        @Label("Stage")
        String stage;
        @Label("Queue id")
        String queueId;
    }

    /** Begins a stage; end it with {@link #end(Stage)}. */
    static Stage begin(String stage, String queueId) {
        Stage event = new Stage();
        event.stage = stage;
        event.queueId = queueId;
        event.begin();
        return event;
    }

    static void end(Stage event) {
        event.commit();
    }
}
