package io.bulwark.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component whose value must never leave the system through a read API, such as
 * the auditors' event stream ({@code GET /api/v1/events}), which shows it as {@code "[hidden]"}.
 * Events should carry no secrets at all (STYLE.md rule 5); this is for the few that must (a
 * password hash, docs/adr/0002).
 *
 * <p>The stream also hides, without this annotation, components whose names look like credentials
 * and fields the event's class does not declare, so forgetting the annotation fails closed; the
 * annotation is what makes the intent visible and covers names the heuristic does not catch.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Secret {
}
