package io.bulwark.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component (a {@code String}, or a list of them) that holds an e-mail address of a
 * person: the data subject is the address itself. Where personal-data encryption is on
 * ({@code bulwark.history.personal-data-encryption}, ADR 0029), the store writes such a value
 * encrypted under a key of its subject and reads it back in plain text, or as {@code [forgotten]}
 * once the subject was forgotten and the key destroyed (crypto-shredding). The stored text keeps
 * the field's JSON type, so no upcaster is needed: a sealed value starts with {@code pd1:}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {
}
