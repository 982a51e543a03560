/**
 * Read side of the audit log and the event log (issue 14): the queries the REST API and the console
 * send and the views they get back. Both logs are projections of the one event history; what they
 * record is decided in the admin backend's {@code io.bulwark.admin.audit}.
 */
package io.bulwark.events.audit;
