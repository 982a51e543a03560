/**
 * Anti-virus signature updates: the contract between the gateway nodes, which keep their own
 * signature databases up to date from a mirror (or a directory) and report each attempt, and the
 * administrators, who ask for an update now and watch the databases' versions and age (reference
 * notes A.1, G.3 "Update").
 *
 * <p>Flow: the console or the API sends {@link RequestAntivirusUpdateCommand}; the admin backend
 * records {@link AntivirusUpdateRequestedEvent} with its actor. Every gateway node follows those
 * requests, runs an update (as it also does on its schedule), and records the result as one of
 * {@link AntivirusDatabasesUpdatedEvent}, {@link AntivirusDatabasesUpToDateEvent} or
 * {@link AntivirusDatabaseUpdateFailedEvent}, each with the databases in use afterwards (a failed
 * update leaves the previous ones loaded). A node whose databases are older than its configured
 * maximum age records {@link AntivirusDatabasesOutOfDateEvent}. The per-node view
 * ({@link FindAntivirusDatabasesQuery}) is built from these.
 *
 * <p>The fields carry what the reference's Update CEF group needs: the record count
 * ({@code cnt}), the age in days ({@code cn1}), the publishing time of the databases
 * ({@code deviceCustomDate1}) and of what the mirror offered ({@code deviceCustomDate2}), and a
 * reason. Records only; no secrets.
 */
package io.bulwark.events.antivirus;
