/**
 * Backup: the contract for original copies of messages kept by the gateway (ARCHITECTURE "Message
 * lifecycle", action "backup copy"; reference notes D.2).
 *
 * <p>A copy's bytes live in the store's blob collections ({@code io.bulwark.store.backup.BackupStore}),
 * never in an event. Events carry ids, the envelope, the triggering module/status/rule and the
 * SHA-256 of the original. Each copy is the Axon aggregate {@value BackupCopyIds#AGGREGATE_TYPE} with
 * the backup id as aggregate identifier; its first event (sequence 0) is {@link BackupCopyStoredEvent},
 * appended by the gateway as a domain event. Deliver, download and delete are commands on that
 * aggregate; eviction and storage warnings are plain events of the store.
 */
package io.bulwark.events.backup;
