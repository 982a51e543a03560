/**
 * Custom DNS block lists of the anti-spam module (the reference's "custom DNSBL list" and "custom
 * SURBL list"): which zones the gateway asks, what their return codes mean, each list's weight,
 * whether a listing makes the message BLACKLISTED, and whether the list is on. One event-sourced
 * aggregate ({@link DnsListIds#AGGREGATE}) owns them; every change is an audited event with its
 * actor; every gateway node folds the events with {@link DnsListsProjection} into the lists its
 * checks read for the next message, without a restart.
 *
 * <p>Records only; no secrets.
 */
package io.bulwark.events.dnslist;
