package vn.luot.display;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import vn.luot.core.testing.MutableClock;
import vn.luot.display.config.DisplayConfig;
import vn.luot.display.voice.AudioSink;
import vn.luot.display.voice.Pcm;

/**
 * The display device started from its composition root on simulated hardware: LED boards on a socat pty
 * pair, buttons on Pi4J's mock platform, announcements recorded, the hub on a free loopback port.
 */
public final class DisplayRig implements AutoCloseable {

    /** The shipped demo config, with this test's data folder, a free loopback port and the given upstream. */
    public static DisplayConfig config(Path dir, String upstreamUrl, String upstreamToken) throws Exception {
        String text;
        try (InputStream in = DisplayRig.class.getResourceAsStream("/demo-display.toml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        text = text.replace("data_dir = \"luot-data/display\"", "data_dir = \"" + dir.resolve("display") + "\"")
                .replace("bind = \"0.0.0.0\"", "bind = \"127.0.0.1\"")
                .replace("port = 8090", "port = 0")
                .replace("url = \"http://127.0.0.1:8080\"", "url = \"" + upstreamUrl + "\"")
                .replace("token = \"demo-hub\"", "token = \"" + upstreamToken + "\"")
                .replace("output = \"wav\"", "output = \"none\"");
        return DisplayConfig.parse(dir.resolve("display.toml"), text);
    }

    /** Every announcement's audio, as the speaker would have received it. */
    public final BlockingQueue<Pcm> spoken = new LinkedBlockingQueue<>();
    public final Display display;

    public DisplayRig(DisplayConfig config, MutableClock clock) throws Exception {
        AudioSink recorder = audio -> {
            spoken.add(audio);
            return AudioSink.PlayResult.WRITTEN;
        };
        display = Display.start(config, clock, Optional.of(recorder));
    }

    public List<String> busLog() {
        return display.busLog();
    }

    @Override
    public void close() {
        display.close();
    }
}
