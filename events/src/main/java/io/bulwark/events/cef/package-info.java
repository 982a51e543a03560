/**
 * The CEF export to a SIEM (issue 14): the command that changes its settings and the events that
 * record the change and the export's health (target unreachable, reachable again). The mapping of
 * every event type to a CEF class lives with the exporter in the admin backend (docs/cef.md).
 */
package io.bulwark.events.cef;
