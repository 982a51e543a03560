package io.bulwark.scan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * STYLE.md 9-10 and ADR 0006: engines and the platform never see SMTP, Spring or Axon. The POM
 * keeps most of these off the classpath; this keeps it so if someone adds one there.
 */
@AnalyzeClasses(packages = "io.bulwark.scan", importOptions = ImportOption.DoNotIncludeTests.class)
class ScanArchitectureTest {

    @ArchTest
    static final ArchRule checksNeverSeeSmtp = noClasses()
            .that().resideInAPackage("io.bulwark.scan..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.mail..", "javax.mail..",
                    "org.subethamail..", "io.bulwark.gateway..");

    @ArchTest
    static final ArchRule checksNeverSeeSpring = noClasses()
            .that().resideInAPackage("io.bulwark.scan..")
            .should().dependOnClassesThat().resideInAPackage("org.springframework..");

    @ArchTest
    static final ArchRule checksNeverSeeAxon = noClasses()
            .that().resideInAPackage("io.bulwark.scan..")
            .should().dependOnClassesThat().resideInAPackage("org.axonframework..");

    /**
     * Engines reach the archive walker through its interface, so the limits stay in one place. The
     * one exception reads no message: the signature engine's loader unpacks ClamAV's own database
     * containers (a tar in a {@code .cvd}), files an administrator put on the node.
     */
    @ArchTest
    static final ArchRule enginesUseTheWalkerInterface = noClasses()
            .that().resideInAnyPackage("io.bulwark.scan.antivirus..", "io.bulwark.scan.antispam..")
            .and().doNotHaveFullyQualifiedName("io.bulwark.scan.antivirus.signatures.CvdContainer")
            .should().dependOnClassesThat().haveSimpleName("StreamingArchiveWalker")
            .orShould().dependOnClassesThat().resideInAPackage("org.apache.commons.compress..");
}
