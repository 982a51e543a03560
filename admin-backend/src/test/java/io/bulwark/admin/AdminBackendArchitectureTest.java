package io.bulwark.admin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the admin backend's boundaries (STYLE rule 9). */
@AnalyzeClasses(packages = "io.bulwark.admin", importOptions = ImportOption.DoNotIncludeTests.class)
class AdminBackendArchitectureTest {

    @ArchTest
    static final ArchRule neverSeesTheGateway = noClasses().should().dependOnClassesThat()
            .resideInAPackage("io.bulwark.gateway..")
            .because("the gateway is reached only through events");

    @ArchTest
    static final ArchRule neverSeesTheConsole = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("io.bulwark.console..", "com.vaadin..")
            .because("the console depends on the backend, not the other way round");

    @ArchTest
    static final ArchRule restControllersReadThroughQueriesOrTheEventLog = noClasses()
            .that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
            .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..")
            .because("controllers read through the query bus or the EventLog, never a collection");

    @ArchTest
    static final ArchRule trackingInternalsStayInside = noClasses()
            .that().resideOutsideOfPackage("io.bulwark.admin.tracking..")
            .should().dependOnClassesThat().resideInAPackage("io.bulwark.admin.tracking.internal..");

    @ArchTest
    static final ArchRule aggregatesDoNoIo = noClasses()
            .that().areAnnotatedWith(org.axonframework.spring.stereotype.Aggregate.class)
            .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..", "java.io..",
                    "java.net..", "org.springframework.web..")
            .because("aggregates validate and apply; I/O belongs in projections and adapters");
}
