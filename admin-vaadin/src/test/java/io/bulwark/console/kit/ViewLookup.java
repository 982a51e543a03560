package io.bulwark.console.kit;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.html.Span;
import java.util.Objects;

/** Finds a page's elements by id in view tests without a browser. Stateless. */
public final class ViewLookup {
    private ViewLookup() {
    }

    /** The component with {@code id} at or below {@code root}; fails the test when there is none. */
    public static Component find(Component root, String id) {
        Component found = findOrNull(root, id);
        if (found == null) {
            throw new AssertionError("no element " + id);
        }
        return found;
    }

    /** The field with {@code id}, typed by the caller. */
    @SuppressWarnings("unchecked")
    public static <T> HasValue<?, T> field(Component root, String id) {
        return (HasValue<?, T>) find(root, id);
    }

    /** The text of the span with {@code id}. */
    public static String text(Component root, String id) {
        return ((Span) find(root, id)).getText();
    }

    private static Component findOrNull(Component root, String id) {
        if (root.getId().filter(id::equals).isPresent()) {
            return root;
        }
        return root.getChildren().map(c -> findOrNull(c, id)).filter(Objects::nonNull).findFirst().orElse(null);
    }
}
