package vn.luot.printer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "vn.luot.printer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheTransportPackageTouchesJSerialComm = noClasses()
            .that().resideOutsideOfPackage("vn.luot.printer.transport..")
            .should().dependOnClassesThat().resideInAPackage("com.fazecast..");

    @ArchTest
    static final ArchRule layoutAndEncodersDoNoIo = noClasses()
            .that().resideInAnyPackage("vn.luot.printer.layout..", "vn.luot.printer.escpos..", "vn.luot.printer.status..")
            .should().dependOnClassesThat().resideInAnyPackage("java.net..", "vn.luot.printer.virtual..");

    @ArchTest
    static final ArchRule thePrinterDriverNeverReachesIntoTheQueueDomain = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("vn.luot.core..", "vn.luot.queue..");
}
