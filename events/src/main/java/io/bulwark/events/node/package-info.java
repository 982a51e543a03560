/**
 * Life of a node as a whole (started, stopped), for the event log. Per-direction traffic state
 * lives in {@code io.bulwark.events.queue}.
 */
package io.bulwark.events.node;
