package io.bulwark.scan.dns;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A Java Flight Recorder event per question {@link DnsjavaLookup} resolves itself (answered from its
 * cache or asked upstream; callers that joined an identical question in flight are not counted), so
 * the DATA→250 breakdown can say how much of a message's wall time waits for DNS. With no recording
 * running, {@link Event#shouldCommit()} is one volatile read.
 */
@Name("io.bulwark.DnsQuestion")
@Label("DNS question")
@Category("Bulwark")
@Description("One DNS question resolved by the node's lookup, from its cache or upstream")
@StackTrace(false)
final class DnsFlightEvent extends Event {
    @Label("Type")
    String type;
    @Label("Result")
    String result;
}
