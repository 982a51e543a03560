package io.bulwark.scan.testing;

import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.message.MessageView;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link CheckContext} made of given parts, for driving a check directly (conformance suites run
 * thousands of cases without a pipeline): the message, the envelope, the results of its
 * dependencies by check name, and the services by type.
 *
 * @param message  the message view
 * @param envelope the envelope
 * @param results  dependency results by check name; asking another name is an
 *                 {@link IllegalArgumentException}, as the pipeline's context does
 * @param services services by type; asking another type is an {@link IllegalStateException}
 */
public record FixedContext(MessageView message, Envelope envelope, Map<String, CheckResult> results,
        Map<Class<?>, Object> services) implements CheckContext {

    public FixedContext {
        results = Map.copyOf(results);
        services = Map.copyOf(services);
    }

    @Override
    public CheckResult result(String check) {
        CheckResult r = results.get(check);
        if (r == null) {
            throw new IllegalArgumentException("no result of a check named " + check + " was given");
        }
        return r;
    }

    @Override
    public <T> T service(Class<T> type) {
        Object service = services.get(type);
        if (service == null) {
            throw new IllegalStateException("no " + type.getSimpleName());
        }
        return type.cast(service);
    }

    @Override
    public <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(services.get(type)).map(type::cast);
    }
}
