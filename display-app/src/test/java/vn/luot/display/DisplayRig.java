package vn.luot.display;

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
    public static DisplayConfig config(Path dir, String upstreamUrl, String upstreamToken) {
        return DisplayConfig.demoOnLoopback(dir.resolve("display"), upstreamUrl, upstreamToken);
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
