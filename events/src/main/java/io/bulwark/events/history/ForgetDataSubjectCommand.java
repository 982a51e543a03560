package io.bulwark.events.history;

/**
 * Forget a data subject: destroy the key their personal data is encrypted under
 * (crypto-shredding, ADR 0024). The address is only in the command, never in the event.
 *
 * @param address the subject's e-mail address (normalised by the handler)
 * @param actor   the administrator
 * @param reason  why (free text, e.g. a request reference), kept in the audit record
 */
public record ForgetDataSubjectCommand(String address, String actor, String reason) {
}
