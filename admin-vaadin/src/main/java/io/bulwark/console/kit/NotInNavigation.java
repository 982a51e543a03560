package io.bulwark.console.kit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A console route that deliberately has no entry in the navigation drawer (an editor opened from a
 * list, the password page linked from the header, the sign-in page). The explicit opt-out keeps
 * {@code NavigationEntriesTest} able to fail for a page that was simply forgotten: every
 * {@code @Route} carries either {@link Nav} or this.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface NotInNavigation {

    /** Why the page has no entry, and how it is reached. */
    String value();
}
