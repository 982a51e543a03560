/**
 * What the message tracking, the SIEM feed and the audit trail record about a scanned message's
 * content besides the verdicts: its decoded subject and a description of each attachment (name,
 * real type, size, SHA-256). Read from the view the pipeline already parsed; see
 * {@link io.bulwark.scan.inventory.MessageInventory}.
 */
package io.bulwark.scan.inventory;
