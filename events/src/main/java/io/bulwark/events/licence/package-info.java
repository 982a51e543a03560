/**
 * Licensing (issue 17, reference notes E): the contract between the administrators who install,
 * replace and remove licence keys, the scheduled check that watches their expiry, and the gateway
 * nodes whose scanning and database updates the licence governs.
 *
 * <p>All of it is one aggregate, {@value LicenceIds#AGGREGATE_ID}: an active and an additional key,
 * the blocked licence numbers, and the last licence notice raised (so that two nodes checking at
 * the same moment raise a notice once). The key file itself never enters an event: the admin
 * backend verifies its signature and the events carry the facts it certifies
 * ({@link LicenceKeyFacts}) with the file's SHA-256. Every event carries what the reference's
 * License CEF group needs: the licence number ({@code cs1}), the functionality level ({@code cs2}),
 * the key type ({@code cs3}), the expiry ({@code deviceCustomDate1}), and, for notices, the days
 * left ({@code cn1}) and a reason.
 */
package io.bulwark.events.licence;
