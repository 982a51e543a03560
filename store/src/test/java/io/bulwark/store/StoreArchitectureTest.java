package io.bulwark.store;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The store depends on the events contract only, never on the modules that use it. */
@AnalyzeClasses(packages = "io.bulwark.store", importOptions = ImportOption.DoNotIncludeTests.class)
class StoreArchitectureTest {

    @ArchTest
    static final ArchRule storeDoesNotSeeItsUsers = noClasses().that().resideInAPackage("io.bulwark.store..")
            .should().dependOnClassesThat().resideInAnyPackage("io.bulwark.gateway..", "io.bulwark.admin..",
                    "io.bulwark.appliance..", "com.vaadin..");

    @ArchTest
    static final ArchRule springStaysInTheAutoConfiguration = noClasses().that()
            .resideInAnyPackage("io.bulwark.store", "io.bulwark.store.internal", "io.bulwark.store.serialization")
            .should().dependOnClassesThat().resideInAPackage("org.springframework..");
}
