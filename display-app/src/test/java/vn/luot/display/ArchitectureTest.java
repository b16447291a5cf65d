package vn.luot.display;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "vn.luot.display", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheTransportTouchesJSerialComm = noClasses()
            .that().resideOutsideOfPackage("..transport..")
            .should().dependOnClassesThat().resideInAPackage("com.fazecast..")
            .because("the serial library stays behind SerialLine; protocols take bytes and never see a port");

    @ArchTest
    static final ArchRule onlyTheButtonsTouchPi4j = noClasses()
            .that().resideOutsideOfPackage("..buttons..")
            .should().dependOnClassesThat().resideInAPackage("com.pi4j..")
            .because("GPIO and I2C stay behind CallButtons");

    @ArchTest
    static final ArchRule theDisplayKnowsNothingOfSql = noClasses()
            .should().dependOnClassesThat().resideInAPackage("java.sql..")
            .because("the apps know nothing of SQL (ARCHITECTURE.md); the queue is reached through LocalQueue");

    @ArchTest
    static final ArchRule protocolsArePure = noClasses()
            .that().resideInAPackage("..protocol..")
            .should().dependOnClassesThat().resideInAnyPackage("..transport..", "..board..", "..simulator..")
            .because("encoders and decoders take bytes and give bytes");
}
