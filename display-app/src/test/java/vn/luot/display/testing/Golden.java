package vn.luot.display.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.luot.display.protocol.Hex;

/** Golden frames from {@code src/test/resources/golden/<protocol>.frames}: {@code name = hex}. */
public final class Golden {

    private Golden() {
    }

    public static Map<String, byte[]> frames(String protocol) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + protocol + ".frames")) {
            if (in == null) {
                throw new IllegalStateException("no golden file for " + protocol);
            }
            Map<String, byte[]> frames = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String content = line.strip();
                if (content.isEmpty() || content.startsWith("#")) {
                    continue;
                }
                int eq = content.indexOf('=');
                frames.put(content.substring(0, eq).strip(), Hex.parse(content.substring(eq + 1)));
            }
            return frames;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] frame(String protocol, String name) {
        byte[] f = frames(protocol).get(name);
        if (f == null) {
            throw new IllegalArgumentException("no golden frame " + name + " for " + protocol);
        }
        return f;
    }
}
