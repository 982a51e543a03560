/**
 * The auditor's history: the contract around sealing the event history (the signing keys, whose
 * changes are themselves sealed events) and the audited administrative actions on read models
 * (projection rebuilds), the archiving of sealed segments and the forgetting of data subjects
 * (ADR 0024, ADR 0029). docs/history.md describes the chain and the checkpoints.
 *
 * <p>Records only; no secrets: a sealing key's private half never appears in an event, only its
 * public key.
 */
package io.bulwark.events.history;
