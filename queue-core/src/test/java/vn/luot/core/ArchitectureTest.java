package vn.luot.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering of ARCHITECTURE.md, checked: the domain is plain Java, and only the store does I/O. */
@AnalyzeClasses(packages = "vn.luot.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule queueCoreKnowsNoUiOrHardware = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "javafx..", "com.pi4j..", "com.fazecast..", "com.github.anastaciocintra..");

    @ArchTest
    static final ArchRule theDomainRulesAndFoldDoNoIo = noClasses()
            .that().resideInAnyPackage("vn.luot.core.domain..", "vn.luot.core.rules..", "vn.luot.core.queue..",
                    "vn.luot.core.event..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "java.nio.file..", "java.net..",
                    "org.sqlite..", "okhttp3..", "vn.luot.core.store..");

    @ArchTest
    static final ArchRule theDomainDoesNotReadTheSystemClock = noClasses()
            .that().resideInAnyPackage("vn.luot.core.domain..", "vn.luot.core.rules..", "vn.luot.core.queue..")
            .should().callMethod(java.time.LocalDateTime.class, "now")
            .orShould().callMethod(java.time.LocalDate.class, "now")
            .orShould().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis");
}
