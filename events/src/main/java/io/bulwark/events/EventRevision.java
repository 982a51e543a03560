package io.bulwark.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The revision of a stored payload type. Every event record carries one; when the meaning of an
 * event changes we add a new event or an upcaster, and bump this number, never silently reinterpret
 * old payloads (auditors replay years of history).
 *
 * <p>Our own annotation rather than Axon's {@code @Revision}, so that this module stays free of any
 * framework; the store module's serializer reads it through a revision resolver.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventRevision {
    String value();
}
