package vn.luot.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import picocli.CommandLine;

/**
 * Every program's command line is a picocli command: a class with a {@code main} is itself the {@code @Command}
 * whose options it takes (so none parses {@code String[] args} by hand), in every module (this one sees them all).
 */
@AnalyzeClasses(packages = "vn.luot", importOptions = {ImportOption.DoNotIncludeTests.class,
        ArchitectureTest.NotFromTestJars.class})
class ArchitectureTest {

    /** The test kit reaches this module as queue-core's test jar, which DoNotIncludeTests does not recognise. */
    static final class NotFromTestJars implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("-tests.jar");
        }
    }

    private static final DescribedPredicate<JavaClass> HAVE_A_MAIN = DescribedPredicate.describe("have a main method",
            c -> c.getMethods().stream().anyMatch(m -> m.getName().equals("main")
                    && m.getModifiers().contains(JavaModifier.STATIC)
                    && m.getRawParameterTypes().size() == 1 && m.getRawParameterTypes().get(0).isEquivalentTo(String[].class)));

    @ArchTest
    static final ArchRule everyMainIsAPicocliCommand = classes().that(HAVE_A_MAIN)
            .should().beAnnotatedWith(CommandLine.Command.class)
            .andShould().callMethod(CommandLine.class, "execute", String[].class);
}
