package io.bulwark.admin.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Puts the source address of the HTTP request that caused a command or an event into its metadata
 * ({@value #REMOTE_ADDRESS}), so the audit log can show where an administrative action came from
 * without every command and event growing a field for it. Axon copies the key from a command to the
 * events its handler applies (a correlation data provider, see {@link AuditConfiguration}), and the
 * store keeps metadata beside the payload, so a replay sees it too.
 *
 * <p>Runs on the dispatching thread: the console's and the API's request threads have a request;
 * the gateway's threads have none and their messages get nothing. A message that already carries
 * the key keeps it. Stateless, thread-safe.
 */
public final class AuditMetadata<M extends Message<?>> implements MessageDispatchInterceptor<M> {

    /** Metadata key of the request's source address. */
    public static final String REMOTE_ADDRESS = "bulwark.remoteAddress";

    @Override
    @SuppressWarnings("unchecked")
    public BiFunction<Integer, M, M> handle(List<? extends M> messages) {
        return (index, message) -> {
            if (message.getMetaData().containsKey(REMOTE_ADDRESS)) {
                return message;
            }
            String address = currentAddress();
            return address == null ? message : (M) message.andMetaData(Map.of(REMOTE_ADDRESS, address));
        };
    }

    /** The source address of the request this thread is serving, if any. */
    static String currentAddress() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            HttpServletRequest request = servlet.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
