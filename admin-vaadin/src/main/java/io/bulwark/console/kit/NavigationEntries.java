package io.bulwark.console.kit;

import com.vaadin.flow.router.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * The navigation drawer's entries: every {@link Nav}-annotated {@code @Route} class below
 * {@code io.bulwark.console}, found once at start (a class-path scan of the console's own package,
 * as Vaadin's route registration does) and ordered by section, order and title. The shell asks for
 * the entries a user may open; pages never register themselves anywhere else.
 *
 * <p>Immutable after construction; thread-safe.
 */
@Component
public class NavigationEntries {
    /** The package whose pages are collected. */
    public static final String BASE_PACKAGE = "io.bulwark.console";

    /**
     * One entry of the drawer.
     *
     * @param view the page class (the link's target)
     * @param nav  its annotation: section, title, icon, order
     */
    public record Entry(Class<?> view, Nav nav) {
    }

    private final List<Entry> entries;

    public NavigationEntries() {
        this(routes(BASE_PACKAGE));
    }

    /** The entries of the given page classes (tests); classes without {@link Nav} are ignored. */
    public NavigationEntries(List<Class<?>> views) {
        this.entries = views.stream().filter(v -> v.isAnnotationPresent(Nav.class))
                .map(v -> new Entry(v, v.getAnnotation(Nav.class)))
                .sorted(Comparator.comparing((Entry e) -> e.nav().section())
                        .thenComparingInt(e -> e.nav().order())
                        .thenComparing(e -> e.nav().title()))
                .toList();
    }

    /** Every entry, in display order. */
    public List<Entry> all() {
        return entries;
    }

    /**
     * The entries whose page {@code mayOpen} admits, grouped by section in display order (sections
     * without a visible entry are left out).
     */
    public Map<Nav.Section, List<Entry>> visible(Predicate<Class<?>> mayOpen) {
        Map<Nav.Section, List<Entry>> sections = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (mayOpen.test(entry.view())) {
                sections.computeIfAbsent(entry.nav().section(), s -> new ArrayList<>()).add(entry);
            }
        }
        return sections;
    }

    /** Every {@code @Route} class below {@code basePackage}, whether it has a {@link Nav} or not. */
    public static List<Class<?>> routes(String basePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        ClassLoader loader = NavigationEntries.class.getClassLoader();
        return scanner.findCandidateComponents(basePackage).stream()
                .<Class<?>>map(candidate -> ClassUtils.resolveClassName(candidate.getBeanClassName(), loader))
                .toList();
    }
}
