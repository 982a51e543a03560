package io.bulwark.admin.audit;

/**
 * Event log mappings contributed by a feature package: declare a Spring bean of this type and the
 * event log projection adds them to the {@link EventLogCatalog#standard() standard} ones.
 */
@FunctionalInterface
public interface EventLogMappings {
    void register(EventLogCatalog catalog);
}
