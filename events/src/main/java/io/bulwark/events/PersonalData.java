package io.bulwark.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component (a {@code String}, or a list of them) that holds personal data. Where
 * personal-data encryption is on ({@code bulwark.history.personal-data-encryption}, ADR 0029,
 * ADR 0038), the store writes such a value encrypted under a key of its data subject and reads it
 * back in plain text, or as {@code [forgotten]} once the subject was forgotten and the key
 * destroyed (crypto-shredding). The stored text keeps the field's JSON type, so no upcaster is
 * needed: a sealed value starts with {@code pd1:}.
 *
 * <p>Whose data it is ({@link #value()}): an {@link Kind#ADDRESS} is an e-mail address and its own
 * subject; {@link Kind#OF_MESSAGE} data (a subject line, a HELO name, a client address, an
 * attachment's file name) belongs to the event's first address, which is the envelope sender (the
 * first recipient for the null sender), because every message event writes its
 * {@code MessageRef} first. Forgetting a sender therefore forgets what their messages said about
 * them too.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {
    /** Whose data the value is. */
    Kind value() default Kind.ADDRESS;

    /** Whose data a value is. */
    enum Kind {
        /** An e-mail address: its own data subject. */
        ADDRESS,
        /** Not an address: data of the event's first address (the envelope sender, else the first recipient). */
        OF_MESSAGE
    }
}
