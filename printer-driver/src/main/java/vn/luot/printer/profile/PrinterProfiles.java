package vn.luot.printer.profile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads printer profiles: the ones shipped in the jar, or a JSON file an installer wrote. */
public final class PrinterProfiles {

    /** Profiles shipped in the jar, by id. */
    public static final List<String> BUILT_IN = List.of(
            "generic-80mm", "generic-58mm", "epson-tm-t20", "epson-tm-t88", "epson-tm-t82", "xprinter-xp80",
            "xprinter-xp58", "zjiang-pos5890", "rongta-rp326", "netum-nt80");

    private static final String FOLDER = "/vn/luot/printer/profiles/";

    private PrinterProfiles() {
    }

    public static PrinterProfile builtIn(String id) {
        if (!BUILT_IN.contains(id)) {
            throw new IllegalArgumentException("no built-in printer profile '" + id + "'; known: " + BUILT_IN);
        }
        try (InputStream in = PrinterProfiles.class.getResourceAsStream(FOLDER + id + ".json")) {
            if (in == null) {
                throw new IllegalStateException("profile resource missing from the jar: " + id);
            }
            return mapper().readValue(in, PrinterProfile.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in profile " + id, e);
        }
    }

    public static PrinterProfile fromFile(Path json) throws IOException {
        try (InputStream in = Files.newInputStream(json)) {
            return mapper().readValue(in, PrinterProfile.class);
        }
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
