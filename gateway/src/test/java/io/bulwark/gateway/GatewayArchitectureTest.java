package io.bulwark.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the stages of the mail spine joined only through the spool, as in Postfix. */
@AnalyzeClasses(packages = "io.bulwark.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class GatewayArchitectureTest {

    @ArchTest
    static final ArchRule receivingDoesNotKnowDelivery = noClasses()
            .that().resideInAPackage("..gateway.smtp..")
            .should().dependOnClassesThat().resideInAPackage("..gateway.delivery..");

    @ArchTest
    static final ArchRule deliveryDoesNotKnowTheListener = noClasses()
            .that().resideInAPackage("..gateway.delivery..")
            .should().dependOnClassesThat().resideInAnyPackage("..gateway.smtp..", "org.subethamail..");

    @ArchTest
    static final ArchRule buildingBlocksStayBelowTheStages = noClasses()
            .that().resideInAnyPackage("..gateway.spool..", "..gateway.routing..", "..gateway.dns..")
            .should().dependOnClassesThat().resideInAnyPackage("..gateway.smtp..", "..gateway.delivery..",
                    "org.springframework..", "org.axonframework..");

    @ArchTest
    static final ArchRule tlsMaterialIsABuildingBlock = noClasses()
            .that().resideInAPackage("..gateway.tls..")
            .should().dependOnClassesThat().resideInAnyPackage("..gateway.smtp..", "..gateway.delivery..",
                    "..gateway.spool..", "org.springframework..", "org.axonframework..");

    @ArchTest
    static final ArchRule theListenerIsOurOwn = noClasses()
            .that().resideInAPackage("io.bulwark.gateway..")
            .should().dependOnClassesThat().resideInAPackage("org.subethamail..");

    /** STYLE rule 9/10: a scanner is a small pure unit over a read-only view of the message. */
    @ArchTest
    static final ArchRule scannersNeverSeeSmtpSpringOrAxon = noClasses()
            .that().resideInAPackage("..gateway.scan..")
            .should().dependOnClassesThat().resideInAnyPackage("..gateway.smtp..", "..gateway.delivery..",
                    "..gateway.spool..", "org.springframework..", "org.axonframework..");

    /** The decision is a pure function of (scan report, rule): no I/O stage, no framework. */
    @ArchTest
    static final ArchRule theDecisionIsPure = noClasses()
            .that().resideInAPackage("io.bulwark.gateway.policy")
            .and().doNotHaveSimpleName("GatewayPolicy")
            .should().dependOnClassesThat().resideInAnyPackage("..gateway.smtp..", "..gateway.delivery..",
                    "org.springframework..", "org.axonframework..");
}
