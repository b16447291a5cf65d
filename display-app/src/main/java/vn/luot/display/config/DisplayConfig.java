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
import vn.luot.display.protocol.BoardProfile;
import vn.luot.display.web.PinHash;

/** The display device's config file; {@code demo-display.toml} documents every key. */
public record DisplayConfig(String deviceId, String dataDir, String branch, Integer minutesPerCitizen,
                            String ticker, Hub hub, Upstream upstream, Boards boards, Buttons buttons, Voice voice,
                            Staff staff) {

    /** @param tlsPort also serve TLS here (self-signed, pinned by the kiosks); absent or 0 for none */
    public record Hub(String bind, Integer port, List<Device> devices, Integer tlsPort) {
    }

    /** @param walkInNumbers the kiosk's walk-in block, FIRST-LAST as in its own config; optional */
    public record Device(String id, String role, String tokenSha256, String walkInNumbers) {
    }

    /**
     * @param pins       optional certificate pins of an https upstream ({@code sha256/...})
     * @param keySetRoot the central server's key set root ({@code ed25519:...}): only a key set it signed is taken
     */
    public record Upstream(String url, String token, String tokenFile, List<String> pins, String keySetRoot) {
        @Override
        public String toString() {
            return "Upstream[url=" + url + ", token=" + (token == null ? "none" : "***") + ", tokenFile=" + tokenFile
                    + ", pins=" + pins + ", keySetRoot=" + keySetRoot + "]";
        }

        /** The pinned root key, or null when none is configured. */
        public java.security.PublicKey keySetRootKey() {
            return keySetRoot == null || keySetRoot.isBlank() ? null : vn.luot.core.token.KeySet.fromPin(keySetRoot);
        }
    }

    /**
     * The LED boards' bus. {@code port} is a serial device or {@code tcp://host:port} (an Ethernet serial-device
     * server in raw TCP mode); baud, parity ({@code N}, {@code E}, {@code O}) and stop bits default to the boards'
     * profile; {@code healthSeconds} is how often every board is set again and read back (default 60).
     */
    public record Boards(Boolean simulated, String port, Integer baud, String parity, Integer stopBits,
                         Integer healthSeconds, List<Board> board, List<Profile> profile) {

        /** Every profile a board may name: the built-in ones and this file's {@code [[boards.profile]]}. */
        public Map<String, BoardProfile> profiles() {
            Map<String, BoardProfile> all = new java.util.LinkedHashMap<>(BoardProfile.builtIn());
            for (Profile p : profile == null ? List.<Profile>of() : profile) {
                all.put(p.name(), p.toProfile());
            }
            return all;
        }

        public BoardProfile profileOf(Board b) {
            return profiles().get(b.profileName());
        }

        /** The bus's line settings: the keys given here, else those of its boards' profile. */
        public BoardProfile.Line line() {
            BoardProfile.Line fromBoards = board == null || board.isEmpty() ? BoardProfile.Line.DEFAULT
                    : profileOf(board.get(0)).line();
            return new BoardProfile.Line(baud == null ? fromBoards.baud() : baud,
                    parity == null ? fromBoards.parity() : parity.charAt(0),
                    stopBits == null ? fromBoards.stopBits() : stopBits);
        }

        public int healthSecondsOrDefault() {
            return healthSeconds == null ? 60 : healthSeconds;
        }
    }

    /** @param profile a built-in profile (luot, modbus-led, dm36, dm56) or a [[boards.profile]]; protocol is its old name */
    public record Board(Integer counter, Integer address, String profile, String protocol) {
        public String profileName() {
            return profile != null ? profile : protocol != null ? protocol : "luot";
        }
    }

    /**
     * A Modbus LED board model described in the config, for a board none of the built-in profiles fits
     * (hardware-docs/led-protocol.md explains each key).
     */
    public record Profile(String name, Integer register, String format, Integer function, Integer digits,
                          Boolean letters, Integer decimalPointRegister, Boolean readBack, Integer baud, String parity,
                          Integer stopBits) {
        BoardProfile toProfile() {
            BoardProfile.ValueFormat f = BoardProfile.format(format == null ? "binary" : format);
            return new BoardProfile(name, BoardProfile.Kind.MODBUS, register == null ? 0 : register, f,
                    function == null ? (f == BoardProfile.ValueFormat.ASCII_PER_DIGIT ? 16 : 6) : function,
                    digits == null ? 4 : digits, Boolean.TRUE.equals(letters), false,
                    decimalPointRegister == null ? -1 : decimalPointRegister, !Boolean.FALSE.equals(readBack),
                    new BoardProfile.Line(baud == null ? 9600 : baud, parity == null ? 'N' : parity.charAt(0),
                            stopBits == null ? 1 : stopBits));
        }
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

    /** @param repeatGuardSeconds how soon after a call a second NEXT is questioned (page) or ignored (button) */
    public record Staff(String supervisorPin, Map<String, String> counterPins, Integer repeatGuardSeconds) {

        /** {@code repeat_guard_seconds}, or the guard's default when the branch sets none. */
        public java.time.Duration repeatGuard() {
            return repeatGuardSeconds == null ? vn.luot.display.calls.RepeatGuard.DEFAULT_WINDOW
                    : java.time.Duration.ofSeconds(repeatGuardSeconds);
        }
    }

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
        return parse(Path.of("demo-display.toml (on loopback)"), demoOnLoopbackText(dataDir, upstreamUrl, upstreamToken));
    }

    private static String demoOnLoopbackText(Path dataDir, String upstreamUrl, String upstreamToken) {
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
        return text;
    }

    /**
     * As {@link #demoOnLoopback}, with the demo's {@code [boards]} section replaced by {@code boardsSection}
     * (a whole {@code [boards]} table), and the announcements from the recorded clips only (no espeak-ng
     * process per call): for tests and benchmarks on other boards and buses.
     */
    public static DisplayConfig demoOnLoopbackWithBoards(Path dataDir, String boardsSection) {
        String text = demoOnLoopbackText(dataDir, "", "").replace("espeak = true", "espeak = false");
        int start = text.indexOf("[boards]");
        int end = text.indexOf("[buttons]");
        return parse(Path.of("demo-display.toml (on loopback, own boards)"),
                text.substring(0, start) + boardsSection + "\n\n" + text.substring(end));
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
            throw error(file, text, "hub.port", "must be 0..65535, is " + hub.port());
        }
        if (hub.tlsPort() != null && (hub.tlsPort() < 0 || hub.tlsPort() > 65535)) {
            throw error(file, text, "hub.tls_port", "must be 0..65535, is " + hub.tlsPort());
        }
        for (Device d : hub.devices() == null ? List.<Device>of() : hub.devices()) {
            require(file, text, d.id(), "hub.devices.id");
            if (d.tokenSha256() == null || !d.tokenSha256().matches("[0-9a-f]{64}")) {
                throw error(file, text, "hub.devices.token_sha256", "device " + d.id()
                        + ": 64 lowercase hex digits (printf %s TOKEN | sha256sum)");
            }
            if (!List.of("kiosk", "display").contains(String.valueOf(d.role()))) {
                throw error(file, text, "hub.devices.role", "device " + d.id() + ": role is kiosk or display, not " + d.role());
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
                throw error(file, text, "upstream.pins", e.getMessage());
            }
            try {
                upstream.keySetRootKey();
            } catch (IllegalArgumentException e) {
                throw error(file, text, "upstream.key_set_root", e.getMessage());
            }
        }
        require(file, text, boards, "boards");
        if (!Boolean.TRUE.equals(boards.simulated()) && blank(boards.port())) {
            throw error(file, text, "boards.port", "real LED boards need the RS-485 adapter's port (e.g. /dev/luot-rs485)");
        }
        for (Profile p : boards.profile() == null ? List.<Profile>of() : boards.profile()) {
            require(file, text, p.name(), "boards.profile.name");
            if (BoardProfile.builtIn(p.name()).isPresent()) {
                throw error(file, text, "boards.profile.name", "profile " + p.name() + " is built in; give yours another name");
            }
            try {
                p.toProfile();
            } catch (IllegalArgumentException e) {
                throw error(file, text, "boards.profile", e.getMessage());
            }
        }
        Map<String, BoardProfile> profiles = boards.profiles();
        Set<BoardProfile.Line> lines = new java.util.HashSet<>();
        Set<Integer> addresses = new java.util.HashSet<>();
        for (Board b : boards.board() == null ? List.<Board>of() : boards.board()) {
            if (b.counter() == null || b.address() == null || b.address() < 1 || b.address() > 247) {
                throw error(file, text, "boards.board.address", "each [[boards.board]] needs counter and address 1..247");
            }
            if (!addresses.add(b.address())) {
                throw error(file, text, "boards.board.address", "two boards at address " + b.address() + " on one bus");
            }
            String key = b.profile() != null ? "boards.board.profile" : "boards.board.protocol";
            if (!profiles.containsKey(b.profileName())) {
                throw error(file, text, key, "counter " + b.counter() + ": the profile is one of "
                        + String.join(", ", profiles.keySet()) + ", not " + b.profileName());
            }
            lines.add(profiles.get(b.profileName()).line());
        }
        if (boards.parity() != null && !List.of("N", "E", "O").contains(boards.parity())) {
            throw error(file, text, "boards.parity", "parity is N, E or O, not " + boards.parity());
        }
        if (lines.size() > 1 && (boards.baud() == null || boards.parity() == null || boards.stopBits() == null)) {
            throw error(file, text, "boards.board", "the boards' profiles differ in line settings " + lines
                    + ": one bus has one; set boards.baud, parity and stop_bits (and set the boards to them)");
        }
        try {
            boards.line();
        } catch (IllegalArgumentException e) {
            throw error(file, text, "boards.baud", e.getMessage());
        }
        if (boards.healthSeconds() != null && (boards.healthSeconds() < 5 || boards.healthSeconds() > 3600)) {
            throw error(file, text, "boards.health_seconds", "must be 5..3600, is " + boards.healthSeconds());
        }
        require(file, text, buttons, "buttons");
        require(file, text, buttons.pinMap(), "buttons.pin_map");
        try {
            PinMap.parse(buttons.pinMap());
        } catch (IllegalArgumentException e) {
            throw error(file, text, "buttons.pin_map", e.getMessage());
        }
        require(file, text, voice, "voice");
        if (!List.of("speaker", "wav", "none").contains(String.valueOf(voice.output()))) {
            throw error(file, text, "voice.output", "voice output is speaker, wav or none, not " + voice.output());
        }
        if ("wav".equals(voice.output())) {
            require(file, text, voice.wavDir(), "voice.wav_dir");
        }
        validateVoiceDevice(file, text);
        if (staff != null) {
            if (staff.repeatGuardSeconds() != null && (staff.repeatGuardSeconds() < 0 || staff.repeatGuardSeconds() > 60)) {
                throw error(file, text, "staff.repeat_guard_seconds", "must be 0..60 (0: never ask), is "
                        + staff.repeatGuardSeconds());
            }
            if (staff.supervisorPin() != null && !PinHash.isHash(staff.supervisorPin())) {
                throw error(file, text, "staff.supervisor_pin", "not a PIN hash: run ./luot display --hash-pin 1234");
            }
            for (Map.Entry<String, String> e : staff.counterPins() == null ? Map.<String, String>of().entrySet()
                    : staff.counterPins().entrySet()) {
                if (!e.getKey().matches("\\d{1,3}") || !PinHash.isHash(e.getValue())) {
                    throw error(file, text, "staff.counter_pins." + e.getKey(), "counter_pins: \"N\" = a PIN hash (./luot display --hash-pin 1234)");
                }
            }
        }
    }

    /** {@code voice.device} (an ALSA PCM name as aplay takes it), {@code voice.lead_silence_ms}, {@code voice.repeat}. */
    private void validateVoiceDevice(Path file, String text) {
        if (voice.device() != null && !voice.device().strip().matches("[A-Za-z0-9_][A-Za-z0-9_:=,.-]{0,99}")) {
            throw error(file, text, "voice.device", "'" + voice.device() + "' is not an ALSA PCM name: e.g. sysdefault:CARD=vc4hdmi1"
                    + " (HDMI-A-2 of a Pi), sysdefault:CARD=vc4hdmi0 (HDMI-A-1), plughw:CARD=Device,DEV=0 (a USB card);"
                    + " `aplay -L` lists them");
        }
        if (voice.leadSilenceMs() != null && (voice.leadSilenceMs() < 0 || voice.leadSilenceMs() > 5000)) {
            throw error(file, text, "voice.lead_silence_ms", "must be 0..5000, is " + voice.leadSilenceMs());
        }
        if (voice.repeat() != null && (voice.repeat() < 1 || voice.repeat() > 3)) {
            throw error(file, text, "voice.repeat", "a call is said 1..3 times, not " + voice.repeat());
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
