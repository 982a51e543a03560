package io.bulwark.events.history;

import io.bulwark.events.EventRevision;
import java.time.Instant;

/**
 * A data subject was forgotten: the key their personal data was encrypted under was destroyed, so
 * what was stored for them reads as {@code [forgotten]} while every stored byte (and so every seal)
 * stays as it was. Carries the subject id (an HMAC of the normalised address under a key of this
 * installation), never the address: the record of forgetting must not itself remember.
 *
 * @param subjectId the subject id, {@code ds-} and 32 lower-case hex digits
 * @param actor     the administrator
 * @param reason    why (free text)
 * @param at        when
 */
@EventRevision("1")
public record DataSubjectForgottenEvent(String subjectId, String actor, String reason, Instant at) {
}
