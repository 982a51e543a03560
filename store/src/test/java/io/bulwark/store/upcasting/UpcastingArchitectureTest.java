package io.bulwark.store.upcasting;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Upcasters describe what was stored, so they hold the old defaults as literals: they must not
 * read today's event classes (whose defaults, names and shapes may change), nor Spring.
 */
@AnalyzeClasses(packages = "io.bulwark.store.upcasting", importOptions = ImportOption.DoNotIncludeTests.class)
class UpcastingArchitectureTest {

    @ArchTest
    static final ArchRule upcastersDoNotReadTodaysEventClasses = noClasses().that()
            .resideInAPackage("io.bulwark.store.upcasting..")
            .should().dependOnClassesThat().resideInAnyPackage("io.bulwark.events..", "org.springframework..");
}
