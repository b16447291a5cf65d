package vn.luot.kiosk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "vn.luot.kiosk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theViewModelImportsNoHardwareNorUiLibrary = noClasses()
            .that().resideInAPackage("..kiosk.flow..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.fazecast..", "com.pi4j..", "okhttp3..",
                    "java.net..", "java.sql..", "vn.luot.printer.transport..", "vn.luot.printer.escpos..",
                    "vn.luot.printer.virtual..", "vn.luot.kiosk.scan..", "vn.luot.kiosk.ui..")
            .because("the flow is tested without JavaFX or devices: it sees the printer only as TicketPrinter");

    @ArchTest
    static final ArchRule onlyTheSerialScannerTouchesJSerialComm = noClasses()
            .that().resideOutsideOfPackage("..kiosk.scan..")
            .should().dependOnClassesThat().resideInAPackage("com.fazecast..")
            .because("scanners reach the kiosk through the QrScanner seam");

    @ArchTest
    static final ArchRule theViewDrawsAndCallsTheFlowOnly = noClasses()
            .that().resideInAPackage("..kiosk.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("vn.luot.core.store..", "vn.luot.printer.transport..",
                    "vn.luot.printer.virtual..", "okhttp3..", "java.sql..")
            .because("the view draws a KioskState and calls KioskActions; it never records or prints itself");

    @ArchTest
    static final ArchRule theKioskKnowsNothingOfSql = noClasses()
            .should().dependOnClassesThat().resideInAPackage("java.sql..")
            .because("the queue is reached through LocalQueue (ARCHITECTURE.md)");
}
