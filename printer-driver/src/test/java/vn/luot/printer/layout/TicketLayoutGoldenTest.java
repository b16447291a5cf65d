package vn.luot.printer.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.luot.printer.SampleTickets;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.profile.PrinterProfiles;

/**
 * Byte-exact layout per shipped profile. To regenerate after an intended change run with
 * {@code -Dgolden.update=true}, look at the tickets in target/preview, and commit the files.
 */
class TicketLayoutGoldenTest {

    private static final BundledFonts FONTS = BundledFonts.load();

    static Stream<String> profiles() {
        return PrinterProfiles.BUILT_IN.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void layoutOfTheSampleTicketMatchesTheGoldenBytes(String profile) throws IOException {
        TicketLayout layout = new TicketLayout(PrinterProfiles.builtIn(profile), FONTS);
        byte[] regular = layout.render(SampleTickets.regular());
        byte[] priority = layout.render(SampleTickets.priority());
        byte[] both = concat(regular, priority);
        if (Boolean.getBoolean("golden.update")) {
            Path file = Path.of("src/test/resources/golden", profile + ".bin");
            Files.write(file, both);
        }
        try (InputStream in = getClass().getResourceAsStream("/golden/" + profile + ".bin")) {
            assertThat(in).as("golden file for " + profile).isNotNull();
            assertThat(both).isEqualTo(in.readAllBytes());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
