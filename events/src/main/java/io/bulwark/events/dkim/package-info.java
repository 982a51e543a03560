/**
 * DKIM signing keys of outgoing mail (RFC 6376, RFC 8463): the contract between the administrators
 * who create, rotate and retire them and the gateway nodes that sign with them.
 *
 * <p>All keys form one aggregate, {@value DkimKeyIds#AGGREGATE_ID}: the invariant that matters
 * spans keys (one key per domain and selector), and a gateway node learns every key by reading that
 * one short stream. Private keys never enter a command or an event: they are sealed with the
 * master key in the {@code dkim_keys} collection under a key id (the key's own id); events carry
 * the public facts (domain, selector, algorithm, the DNS record), the signing choices and the actor.
 *
 * <p>Rotation: which key signs for a domain is not an event of its own but a rule every reader
 * applies the same way ({@link DkimKeyIds#newerThan}): the newest key of the domain that is not
 * deleted. Creating a key with a new selector therefore rotates; the old key stays listed (no
 * longer signing) until the administrator deletes it, so its selector can stay published while
 * mail signed with it is still in transit.
 */
package io.bulwark.events.dkim;
