package io.bulwark.admin.audit;

/**
 * Audit log mappings contributed by a feature package: declare a Spring bean of this type and the
 * audit log projection adds its mappings to the {@link AuditCatalog#standard() standard} ones at
 * start-up. See {@link AuditCatalog} for an example.
 */
@FunctionalInterface
public interface AuditMappings {
    void register(AuditCatalog catalog);
}
