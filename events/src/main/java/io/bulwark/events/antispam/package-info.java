/**
 * Anti-spam training: the contract between whoever marks a message as spam or not spam (the
 * console, a corpus import) and every node's Bayes token statistics, which are a projection of
 * these events (docs/antispam.md, "Bayes").
 *
 * <p>No message content enters an event: a trained message is referenced by its gateway queue id
 * and the SHA-256 of its bytes, and its tokens travel as 64-bit hashes of the tokenizer's
 * strings, never the words themselves. Replaying the events in order rebuilds the statistics
 * exactly on any node; an untraining event carries the same hashes, so undoing a wrong mark
 * needs no lookup of the original.
 */
package io.bulwark.events.antispam;
