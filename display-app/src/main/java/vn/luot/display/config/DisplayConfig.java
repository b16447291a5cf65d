package vn.luot.display.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.luot.core.config.ConfigException;
import vn.luot.core.config.ConfigFile;
import vn.luot.display.buttons.PinMap;
import vn.luot.display.web.PinHash;

/** The display device's config file; {@code demo-display.toml} documents every key. */
public record DisplayConfig(String deviceId, String dataDir, String branch, Integer minutesPerCitizen,
                            String ticker, Hub hub, Upstream upstream, Boards boards, Buttons buttons, Voice voice,
                            Staff staff) {

    public record Hub(String bind, Integer port, List<Device> devices) {
    }

    public record Device(String id, String role, String tokenSha256) {
    }

    /** @param pins optional certificate pins of an https upstream ({@code sha256/...}) */
    public record Upstream(String url, String token, String tokenFile, List<String> pins) {
    }

    public record Boards(Boolean simulated, String port, Integer baud, List<Board> board) {
    }

    public record Board(Integer counter, Integer address, String protocol) {
    }

    public record Buttons(Boolean simulated, String pinMap) {
    }

    /**
     * @param device          the ALSA PCM of the waiting-room speaker for {@code output = "speaker"}, played
     *                        through aplay (e.g. {@code sysdefault:CARD=vc4hdmi1}); absent: Java Sound's default
     * @param leadSilenceMs   silence before each announcement, so a TV that unmutes a new HDMI stream late
     *                        still plays the chime
     * @param sayField        say the field in each call ("… số thứ tự Hộ tịch mười hai …"); default true, since
     *                        every field numbers from 1. Only a branch whose numbers are unique across all its
     *                        fields (a number range per field) may turn it off
     * @param repeat          how many times each call is said, 1..3 (default 2)
     */
    public record Voice(String output, String wavDir, Boolean espeak, String device, Integer leadSilenceMs,
                        Boolean sayField, Integer repeat) {

        public static final int DEFAULT_LEAD_SILENCE_MS = 500;
        public static final int DEFAULT_REPEAT = 2;

        public boolean saysField() {
            return !Boolean.FALSE.equals(sayField);
        }

        public int repeatCount() {
            return repeat == null ? DEFAULT_REPEAT : repeat;
        }

        public java.time.Duration leadSilence() {
            return java.time.Duration.ofMillis(leadSilenceMs == null ? DEFAULT_LEAD_SILENCE_MS : leadSilenceMs);
        }

        /** The configured ALSA device, if any. */
        public java.util.Optional<String> alsaDevice() {
            return device == null || device.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(device.strip());
        }
    }

    public record Staff(String supervisorPin, Map<String, String> counterPins) {
    }

    public static final Set<String> PROTOCOLS = Set.of("luot", "modbus-led");
    private static final Path DEMO = Path.of("demo-display.toml (built in)");

    public static DisplayConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file, 0, null, "cannot read the config file: " + e.getMessage());
        }
        return parse(file, text);
    }

    public static DisplayConfig demo() {
        try (InputStream in = DisplayConfig.class.getResourceAsStream("/demo-display.toml")) {
            return parse(DEMO, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("the demo display config is missing from the jar", e);
        }
    }

    /**
     * The demo config on loopback: {@code dataDir}, a free port, announcements to no device, and the given
     * upstream ({@code ""} for none). For the tests and the benchmark.
     */
    public static DisplayConfig demoOnLoopback(Path dataDir, String upstreamUrl, String upstreamToken) {
        String text;
        try (InputStream in = DisplayConfig.class.getResourceAsStream("/demo-display.toml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("the demo display config is missing from the jar", e);
        }
        text = text.replace("data_dir = \"luot-data/display\"", "data_dir = \"" + dataDir + "\"")
                .replace("bind = \"0.0.0.0\"", "bind = \"127.0.0.1\"")
                .replace("port = 8090", "port = 0")
                .replace("url = \"http://127.0.0.1:8080\"", "url = \"" + upstreamUrl + "\"")
                .replace("token = \"demo-hub\"", "token = \"" + upstreamToken + "\"")
                .replace("output = \"wav\"", "output = \"none\"");
        return parse(Path.of("demo-display.toml (on loopback)"), text);
    }

    public static DisplayConfig parse(Path file, String text) {
        DisplayConfig config = ConfigFile.parse(file, text, DisplayConfig.class);
        config.validate(file, text);
        return config;
    }

    private void validate(Path file, String text) {
        require(file, text, deviceId, "device_id");
        if (!deviceId.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw error(file, text, "device_id", "'" + deviceId + "' must be lowercase letters, digits and dashes");
        }
        require(file, text, dataDir, "data_dir");
        if (minutesPerCitizen != null && (minutesPerCitizen < 1 || minutesPerCitizen > 120)) {
            throw error(file, text, "minutes_per_citizen", "must be 1..120, is " + minutesPerCitizen);
        }
        require(file, text, hub, "hub");
        if (hub.port() != null && (hub.port() < 0 || hub.port() > 65535)) {
            throw error(file, text, "port", "must be 0..65535, is " + hub.port());
        }
        for (Device d : hub.devices() == null ? List.<Device>of() : hub.devices()) {
            require(file, text, d.id(), "id");
            if (d.tokenSha256() == null || !d.tokenSha256().matches("[0-9a-f]{64}")) {
                throw error(file, text, "token_sha256", "device " + d.id()
                        + ": 64 lowercase hex digits (printf %s TOKEN | sha256sum)");
            }
            if (!List.of("kiosk", "display").contains(String.valueOf(d.role()))) {
                throw error(file, text, "role", "device " + d.id() + ": role is kiosk or display, not " + d.role());
            }
        }
        if (upstream != null && upstream.url() != null && !upstream.url().isBlank()
                && blank(upstream.token()) && blank(upstream.tokenFile())) {
            throw error(file, text, "upstream", "an upstream url needs token or token_file");
        }
        if (upstream != null && upstream.url() != null && !upstream.url().isBlank()) {
            try {
                vn.luot.core.sync.UpstreamHttp.checkPins(upstream.url(), upstream.pins());
            } catch (IllegalArgumentException e) {
                throw error(file, text, "pins", e.getMessage());
            }
        }
        require(file, text, boards, "boards");
        if (!Boolean.TRUE.equals(boards.simulated()) && blank(boards.port())) {
            throw error(file, text, "port", "real LED boards need the RS-485 adapter's port (e.g. /dev/luot-rs485)");
        }
        for (Board b : boards.board() == null ? List.<Board>of() : boards.board()) {
            if (b.counter() == null || b.address() == null || b.address() < 1 || b.address() > 247) {
                throw error(file, text, "address", "each [[boards.board]] needs counter and address 1..247");
            }
            if (!PROTOCOLS.contains(b.protocol())) {
                throw error(file, text, "protocol", "counter " + b.counter() + ": protocol is luot or modbus-led, not "
                        + b.protocol());
            }
        }
        require(file, text, buttons, "buttons");
        require(file, text, buttons.pinMap(), "pin_map");
        try {
            PinMap.parse(buttons.pinMap());
        } catch (IllegalArgumentException e) {
            throw error(file, text, "pin_map", e.getMessage());
        }
        require(file, text, voice, "voice");
        if (!List.of("speaker", "wav", "none").contains(String.valueOf(voice.output()))) {
            throw error(file, text, "output", "voice output is speaker, wav or none, not " + voice.output());
        }
        if ("wav".equals(voice.output())) {
            require(file, text, voice.wavDir(), "wav_dir");
        }
        validateVoiceDevice(file, text);
        if (staff != null) {
            if (staff.supervisorPin() != null && !PinHash.isHash(staff.supervisorPin())) {
                throw error(file, text, "supervisor_pin", "not a PIN hash: run ./luot display --hash-pin 1234");
            }
            for (Map.Entry<String, String> e : staff.counterPins() == null ? Map.<String, String>of().entrySet()
                    : staff.counterPins().entrySet()) {
                if (!e.getKey().matches("\\d{1,3}") || !PinHash.isHash(e.getValue())) {
                    throw error(file, text, e.getKey(), "counter_pins: \"N\" = a PIN hash (./luot display --hash-pin 1234)");
                }
            }
        }
    }

    /** {@code voice.device} (an ALSA PCM name as aplay takes it), {@code voice.lead_silence_ms}, {@code voice.repeat}. */
    private void validateVoiceDevice(Path file, String text) {
        if (voice.device() != null && !voice.device().strip().matches("[A-Za-z0-9_][A-Za-z0-9_:=,.-]{0,99}")) {
            throw error(file, text, "device", "'" + voice.device() + "' is not an ALSA PCM name: e.g. sysdefault:CARD=vc4hdmi1"
                    + " (HDMI-A-2 of a Pi), sysdefault:CARD=vc4hdmi0 (HDMI-A-1), plughw:CARD=Device,DEV=0 (a USB card);"
                    + " `aplay -L` lists them");
        }
        if (voice.leadSilenceMs() != null && (voice.leadSilenceMs() < 0 || voice.leadSilenceMs() > 5000)) {
            throw error(file, text, "lead_silence_ms", "must be 0..5000, is " + voice.leadSilenceMs());
        }
        if (voice.repeat() != null && (voice.repeat() < 1 || voice.repeat() > 3)) {
            throw error(file, text, "repeat", "a call is said 1..3 times, not " + voice.repeat());
        }
    }

    /** The staff page's PIN hashes by counter number. */
    public Map<Integer, String> counterPinHashes() {
        Map<Integer, String> pins = new java.util.TreeMap<>();
        if (staff != null && staff.counterPins() != null) {
            staff.counterPins().forEach((k, v) -> pins.put(Integer.parseInt(k), v));
        }
        return pins;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void require(Path file, String text, Object value, String key) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw error(file, text, key, "is required");
        }
    }

    private static ConfigException error(Path file, String text, String key, String problem) {
        return new ConfigException(file, ConfigFile.lineOf(text, key), key, problem);
    }
}
