package io.bulwark.admin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.bulwark.admin.tls.CertificateAdministration;
import io.bulwark.admin.tls.CertificatesController;
import io.bulwark.events.tls.CertificateView;
import io.bulwark.events.tls.FindCertificatesQuery;
import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * "Backend unavailable" is one exception answered with 503 by the shared handler; an
 * {@link IllegalStateException} from a bug is not mapped by anyone and stays a 500. Over a real
 * controller (certificates) and real Axon buses: one without a handler (a node whose read model is
 * not connected), one whose handler has a bug.
 */
class BackendUnavailableTest {

    /** A query handler with a bug. */
    static class BrokenCertificateList {
        @QueryHandler
        List<CertificateView> handle(FindCertificatesQuery query) {
            throw new IllegalStateException("bug: the list was read before it was built");
        }
    }

    private static MockMvc certificatesOver(SimpleQueryBus queries) {
        CertificateAdministration administration = new CertificateAdministration(
                DefaultCommandGateway.builder().commandBus(SimpleCommandBus.builder().build()).build(),
                DefaultQueryGateway.builder().queryBus(queries).build(), null, Clock.systemUTC());
        return MockMvcBuilders.standaloneSetup(new CertificatesController(administration))
                .setControllerAdvice(new ApiExceptionHandler()).build();
    }

    @Test
    void aBusWithoutAnAnswerIs503WithTheErrorBody() throws Exception {
        certificatesOver(SimpleQueryBus.builder().build()).perform(get("/api/v1/certificates"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.startsWith("Certificates are unavailable")));
    }

    @Test
    void anIllegalStateFromABugIsNotMappedToUnavailableSoTheServerAnswers500() {
        SimpleQueryBus queries = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(new BrokenCertificateList()).subscribe(queries);
        MockMvc mvc = certificatesOver(queries);
        // no handler resolves it: the servlet container turns what escapes into 500
        assertThatThrownBy(() -> mvc.perform(get("/api/v1/certificates")))
                .rootCause().isExactlyInstanceOf(IllegalStateException.class).hasMessageStartingWith("bug:");
    }

    @Test
    void awaitTellsUnavailableFromRefusals() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        assertThatThrownBy(() -> BusCalls.await(DefaultCommandGateway.builder().commandBus(bus).build()
                .send("nobody handles this"), "Things"))
                .isInstanceOf(BackendUnavailableException.class).hasMessageStartingWith("Things are unavailable");
        assertThatThrownBy(() -> BusCalls.await(CompletableFuture.failedFuture(new IOException("connection reset")),
                "Things")).isInstanceOf(BackendUnavailableException.class).hasMessageContaining("connection reset");
        IllegalStateException refusal = new IllegalStateException("already active");
        assertThatThrownBy(() -> BusCalls.await(CompletableFuture.failedFuture(refusal), "Things"))
                .isSameAs(refusal).isNotInstanceOf(BackendUnavailableException.class);
    }

    @Test
    void noControllerOrAdviceMapsIllegalStateExceptionItself() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestControllerAdvice.class));
        List<String> offenders = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("io.bulwark")) {
            for (Method method : Class.forName(candidate.getBeanClassName()).getDeclaredMethods()) {
                ExceptionHandler handler = method.getAnnotation(ExceptionHandler.class);
                List<Class<?>> handled = handler == null ? List.of()
                        : handler.value().length > 0 ? Arrays.asList(handler.value())
                        : Arrays.asList(method.getParameterTypes());
                if (handled.stream().anyMatch(type -> type.isAssignableFrom(IllegalStateException.class))) {
                    offenders.add(method.toString());
                }
            }
        }
        assertThat(offenders).as("map BackendUnavailableException (shared) or the area's own refusal instead")
                .isEmpty();
    }
}
