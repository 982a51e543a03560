package io.bulwark.console.kit;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.dom.Element;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What the console's page tests ask of a page without a browser: find an element by id, read its
 * text, and sign a user in for the server-side role checks. One home for the helpers the page tests
 * used to copy (older tests still have their own copies; move them here when touching them).
 */
public final class PageQueries {

    private PageQueries() {
    }

    /** Signs {@code name} in with one role (without the {@code ROLE_} prefix). */
    public static void signIn(String name, String role) {
        TestingAuthenticationToken user = new TestingAuthenticationToken(name, null, "ROLE_" + role);
        user.setAuthenticated(true);
        SecurityContextHolder.getContext().setAuthentication(user);
    }

    /** The component with this id below {@code root}; fails the test when there is none. */
    @SuppressWarnings("unchecked")
    public static <T extends Component> T byId(Component root, String id) {
        return (T) elements(root.getElement()).filter(e -> id.equals(e.getAttribute("id"))).map(Element::getComponent)
                .flatMap(Optional::stream).findFirst().orElseThrow(() -> new AssertionError("no element " + id));
    }

    /** The text of the element with this id and everything below it. */
    public static String text(Component root, String id) {
        return elements(root.getElement()).filter(e -> id.equals(e.getAttribute("id"))).findFirst()
                .map(Element::getTextRecursively).orElseThrow(() -> new AssertionError("no element " + id));
    }

    /** {@code root} and every element below it, depth first. */
    public static Stream<Element> elements(Element root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(PageQueries::elements));
    }
}
