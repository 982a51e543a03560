package io.bulwark.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import io.bulwark.console.ConsoleTestApplication;
import io.bulwark.console.security.AccessMatrix.Who;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every REST mapping and every console route, checked against a declared access matrix for
 * anonymous, Auditor, HelpDesk and Administrator. A mapping or route without a row fails the test,
 * so a new endpoint cannot ship without someone deciding who may call it. Console routes are
 * judged by Vaadin's own access checker (the check its router applies) and anonymous requests for
 * them must be sent to the login page. The REST calls role by role run over a real server:
 * {@link RouteMatrixOverRealServerTest}.
 */
@SpringBootTest(classes = ConsoleTestApplication.class)
@AutoConfigureMockMvc
class RouteInventoryTest {

    private static final Map<String, Set<Who>> API = AccessMatrix.API;
    private static final Map<String, Set<Who>> CONSOLE = AccessMatrix.CONSOLE;

    @Autowired
    MockMvc mvc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyRestMappingHasARowAndEveryRowAMapping() {
        assertThat(restMappings()).as("REST mappings vs. the matrix").isEqualTo(new TreeSet<>(API.keySet()));
    }

    @Test
    void everyConsoleRouteHasARowAndAdmitsExactlyItsRoles() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        AccessAnnotationChecker checker = new AccessAnnotationChecker();
        Map<String, Class<?>> routes = new TreeMap<>();
        for (var candidate : scanner.findCandidateComponents("io.bulwark.console")) {
            Class<?> view = Class.forName(candidate.getBeanClassName());
            routes.put(view.getAnnotation(Route.class).value(), view);
        }
        assertThat(routes.keySet()).as("console routes vs. the matrix").isEqualTo(new TreeSet<>(CONSOLE.keySet()));

        List<String> wrong = new ArrayList<>();
        for (var route : routes.entrySet()) {
            for (Who who : Who.values()) {
                Principal principal = who == Who.ANONYMOUS ? null : () -> "inventory-" + who;
                boolean admitted = checker.hasAccess(route.getValue(), principal, role -> role.equals(who.name()));
                if (admitted != CONSOLE.get(route.getKey()).contains(who)) {
                    wrong.add("/" + route.getKey() + " as " + who + ": " + (admitted ? "admitted" : "refused"));
                }
            }
            if (!CONSOLE.get(route.getKey()).contains(Who.ANONYMOUS)) {
                String path = "/" + route.getKey().replaceAll("/:[^/]*", "");
                var response = mvc.perform(request(HttpMethod.GET, path)).andReturn().getResponse();
                int status = response.getStatus();
                String location = response.getRedirectedUrl();
                if (status != 302 || location == null || !location.endsWith("/login")) {
                    wrong.add("/" + route.getKey() + " anonymously: " + status + " " + location);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private Set<String> restMappings() {
        return AccessMatrix.restMappings(mappings);
    }
}
