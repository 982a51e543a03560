package io.bulwark.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the console's boundaries (ARCHITECTURE "admin-vaadin", STYLE rules 9 and 17). */
@AnalyzeClasses(packages = "io.bulwark.console", importOptions = ImportOption.DoNotIncludeTests.class)
class ConsoleArchitectureTest {

    @ArchTest
    static final ArchRule neverSeesMongoDbTheStoreOrTheGateway = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("com.mongodb..", "org.bson..", "io.bulwark.store..", "io.bulwark.gateway..")
            .because("the console sends commands and queries; it never reads storage or talks to the gateway");

    @ArchTest
    static final ArchRule neverCallsProjectionsOrAggregatesDirectly = noClasses().should().dependOnClassesThat()
            .areAnnotatedWith(org.axonframework.config.ProcessingGroup.class)
            .orShould().dependOnClassesThat().areAnnotatedWith(org.axonframework.spring.stereotype.Aggregate.class)
            .orShould().dependOnClassesThat().resideInAPackage("io.bulwark.admin..internal..")
            .because("reads go through the query bus, changes through the command bus");

    @ArchTest
    static final ArchRule viewsUseClientsNotAxon = noClasses()
            .that().areAssignableTo(com.vaadin.flow.component.Component.class)
            .should().dependOnClassesThat().resideInAPackage("org.axonframework..")
            .because("views stay thin over small clients that wrap the gateways (STYLE rule 17)");
}
