/**
 * Queries and read models of the message processing rules and the global lists, answered by the
 * admin backend's rules projection for the console and the REST API.
 */
package io.bulwark.events.query.rule;
