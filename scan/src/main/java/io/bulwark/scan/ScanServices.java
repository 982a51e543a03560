package io.bulwark.scan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The node's shared services that checks reach through {@link CheckContext#service(Class)}: one
 * instance per node (DNS with its cache, the archive walker, the public suffix list), or a fresh
 * view per message where a service keeps per-message state (the DNS query budget).
 *
 * <p>Immutable once built; {@link #forMessage()} is called once per scanned message.
 */
public final class ScanServices {
    private final Map<Class<?>, Object> shared;
    private final Map<Class<?>, Supplier<?>> perMessage;

    private ScanServices(Map<Class<?>, Object> shared, Map<Class<?>, Supplier<?>> perMessage) {
        this.shared = Map.copyOf(shared);
        this.perMessage = Map.copyOf(perMessage);
    }

    /** No services (checks that need none, tests). */
    public static ScanServices none() {
        return new ScanServices(Map.of(), Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The services as one message sees them: per-message services made fresh. */
    public ScanServices forMessage() {
        if (perMessage.isEmpty()) {
            return this;
        }
        Map<Class<?>, Object> all = new LinkedHashMap<>(shared);
        perMessage.forEach((type, supplier) -> all.put(type, supplier.get()));
        return new ScanServices(all, Map.of());
    }

    /** These services with one of them replaced (or added), e.g. an offline DNS for a warm-up run. */
    public <T> ScanServices with(Class<T> type, T service) {
        Map<Class<?>, Object> all = new LinkedHashMap<>(shared);
        all.put(type, type.cast(service));
        Map<Class<?>, Supplier<?>> fresh = new LinkedHashMap<>(perMessage);
        fresh.remove(type);
        return new ScanServices(all, fresh);
    }

    /** The service of that type, or empty when the node has none (for optional services). */
    public <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(shared.get(type)).map(type::cast);
    }

    /** The service of that type, if the node has one. */
    public <T> T get(Class<T> type) {
        Object service = shared.get(type);
        if (service == null) {
            throw new IllegalStateException("no " + type.getSimpleName() + " service is configured on this node");
        }
        return type.cast(service);
    }

    /** Builds {@link ScanServices}. Not thread-safe. */
    public static final class Builder {
        private final Map<Class<?>, Object> shared = new LinkedHashMap<>();
        private final Map<Class<?>, Supplier<?>> perMessage = new LinkedHashMap<>();

        /** A service shared by all messages. */
        public <T> Builder add(Class<T> type, T service) {
            shared.put(type, type.cast(service));
            return this;
        }

        /** A service made anew for every message (e.g. DNS with the per-message budget). */
        public <T> Builder perMessage(Class<T> type, Supplier<? extends T> factory) {
            perMessage.put(type, factory);
            return this;
        }

        public ScanServices build() {
            return new ScanServices(shared, perMessage);
        }
    }
}
