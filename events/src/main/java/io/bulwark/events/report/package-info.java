/**
 * Reports (issue 14, docs/reports.md): the report definitions' commands and events (schedule,
 * report created, failed, deleted) and the queries the console and the API read them with. The
 * counters a report is built from are a projection in admin-backend, not events.
 */
package io.bulwark.events.report;
