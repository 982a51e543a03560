package io.bulwark.scan;

import java.util.Map;
import java.util.Objects;

/**
 * What a check contributes to the header fields stamped on delivered mail; the header stage
 * ({@link io.bulwark.scan.headers.HeaderStage}) writes them, checks never touch the message.
 */
public sealed interface HeaderContribution {

    /**
     * One method result of {@code Authentication-Results} (RFC 8601 2.2), e.g. method {@code spf},
     * result {@code pass}, properties {@code smtp.mailfrom=example.com}.
     *
     * @param method     the authentication method (RFC 8601 2.7 registry names)
     * @param result     the result keyword
     * @param reason     optional free text ({@code reason="..."}), empty for none
     * @param properties ptype.property = value, in order
     */
    record AuthenticationResult(String method, String result, String reason, Map<String, String> properties)
            implements HeaderContribution {
        public AuthenticationResult {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(result, "result");
            reason = reason == null ? "" : reason;
            properties = properties == null ? Map.of() : java.util.Collections.unmodifiableMap(
                    new java.util.LinkedHashMap<>(properties));
        }
    }

    /**
     * A whole header field of the check's own standard, e.g. {@code Received-SPF} (RFC 7208 9.1).
     *
     * @param name  field name
     * @param value field value, unfolded
     */
    record Field(String name, String value) implements HeaderContribution {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
