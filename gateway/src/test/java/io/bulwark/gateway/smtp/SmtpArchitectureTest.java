package io.bulwark.gateway.smtp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The listener speaks SMTP and nothing else (issue 9): what happens to a transaction is the
 * intake stage's business, reached only through {@link MailIntake}.
 */
@AnalyzeClasses(packages = "io.bulwark.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class SmtpArchitectureTest {

    @ArchTest
    static final ArchRule theListenerKnowsNoScanningPolicyOrBackup = noClasses()
            .that().resideInAPackage("io.bulwark.gateway.smtp..")
            .should().dependOnClassesThat().resideInAnyPackage("io.bulwark.scan..", "io.bulwark.gateway.scan..",
                    "io.bulwark.gateway.policy..", "io.bulwark.gateway.backup..");

    @ArchTest
    static final ArchRule theListenerKnowsTheIntakeOnlyThroughItsPort = noClasses()
            .that().resideInAPackage("io.bulwark.gateway.smtp..")
            .should().dependOnClassesThat().resideInAnyPackage("io.bulwark.gateway.intake..",
                    "io.bulwark.gateway.spool..", "io.bulwark.gateway.events..");
}
