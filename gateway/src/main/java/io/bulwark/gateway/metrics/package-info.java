/**
 * What a node's monitoring reads (issue "Administration", docs/monitoring.md): Micrometer meters
 * named after what mail administrators watch, counted where every fact already passes (the event
 * appender), and the health of the SMTP listener and the spool. The registry and the HTTP endpoints
 * come from the application (the admin backend's actuator); a node without a registry counts nothing.
 */
package io.bulwark.gateway.metrics;
