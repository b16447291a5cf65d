package vn.luot.deploy.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import vn.luot.display.buttons.PinMap;
import vn.luot.display.config.DisplayConfig;
import vn.luot.display.voice.AlsaSink;
import vn.luot.display.voice.AudioSink;
import vn.luot.display.voice.Pcm;

/**
 * {@code voice.output = "speaker"}: which sound cards the kernel has ({@code /proc/asound/cards}), whether
 * the configured device opens (aplay of a short silence, the display's own {@link AlsaSink}), and whether it
 * is the TV's HDMI port or a USB card rather than the 3.5 mm jack or the kiosk's screen.
 */
final class AudioCheck {

    /** BCM 18-21: PCM_CLK, PCM_FS, PCM_DIN, PCM_DOUT of an I2S sound HAT. */
    static final List<Integer> I2S_PINS = List.of(18, 19, 20, 21);
    private static final Pattern CARD_LINE = Pattern.compile("^\\s*(\\d+) \\[(\\S+)\\s*\\]: (\\S+) - (.*)$");
    private static final Pattern CARD_ARG = Pattern.compile("^[\\w-]+:(?:.*,)?CARD=([^,]+)(?:,.*)?$");
    private static final Pattern CARD_POSITIONAL = Pattern.compile("^(?:hw|plughw|sysdefault|default|iec958|front|hdmi|dmix|dsnoop):([^,=]+)(?:,.*)?$");

    /** One line of {@code /proc/asound/cards}. */
    record Card(int index, String id, String driver, String name) {

        boolean hdmi() {
            return driver.equals("vc4-hdmi") || id.startsWith("vc4hdmi");
        }

        boolean usb() {
            return driver.equals("USB-Audio");
        }

        boolean jack() {
            return id.equals("Headphones") || driver.startsWith("bcm2835_headpho");
        }

        /** The DRM connector of a vc4-hdmi card: vc4hdmi0 is HDMI-A-1, vc4hdmi1 HDMI-A-2. */
        Optional<String> connector() {
            Matcher m = Pattern.compile("vc4hdmi(\\d)").matcher(id);
            return m.matches() ? Optional.of("HDMI-A-" + (Integer.parseInt(m.group(1)) + 1)) : Optional.empty();
        }

        String describe() {
            String what = hdmi() ? connector().map(c -> "HDMI " + c).orElse("HDMI") : usb() ? "USB"
                    : jack() ? "3.5 mm jack" : driver;
            return index + " " + id + " (" + what + ")";
        }
    }

    private final Host host;
    private final Doctor.Settings cfg;

    AudioCheck(Host host, Doctor.Settings cfg) {
        this.host = host;
        this.cfg = cfg;
    }

    List<Finding> speaker(DisplayConfig display) {
        DisplayConfig.Voice voice = display.voice();
        List<Card> cards = cards();
        List<Finding> out = new ArrayList<>();
        if (cards.isEmpty()) {
            out.add(Finding.fail("sound", "no sound card (" + host.procfs().resolve("asound/cards") + " lists none)",
                    "plug the TV into HDMI (and switch it on before the Pi), or the USB sound card in; on a Pi keep"
                            + " dtoverlay=vc4-kms-v3d in /boot/firmware/config.txt (hardware-docs/voice.md)"));
        } else {
            out.add(Finding.ok("sound", "cards: " + cards.stream().map(Card::describe).collect(Collectors.joining(", "))));
        }
        Optional<String> device = voice.alsaDevice();
        String model = piModel();
        boolean allInOne = Files.exists(cfg.file().toAbsolutePath().resolveSibling("kiosk.toml"));
        if (device.isEmpty() || device.get().equals("default") || device.get().equals("sysdefault")) {
            Optional<Finding> wrongDefault = wrongDefault(model, allInOne, cards);
            if (wrongDefault.isPresent()) {
                out.add(wrongDefault.get());
                return out;
            }
        }
        if (device.isEmpty()) {
            out.add(javaSoundDefault());
            return out;
        }
        String dev = device.get();
        AlsaSink.Outcome opened = new AlsaSink("aplay", dev, Duration.ZERO, host.alsaEnvironment())
                .playOutcome(Pcm.silence(Pcm.RATE, Duration.ofMillis(100)));
        if (opened.result() != AudioSink.PlayResult.PLAYED) {
            out.add(Finding.fail("audio", cfg.where("voice.device") + ": " + dev + " does not open: " + opened.detail(),
                    "`aplay -L` lists the names; the TV on HDMI-A-1 is sysdefault:CARD=vc4hdmi0, on HDMI-A-2"
                            + " sysdefault:CARD=vc4hdmi1; the user must be in group audio (hardware-docs/voice.md)"));
            return out;
        }
        out.add(judge(dev, cardOf(dev, cards), allInOne, display));
        return out;
    }

    /** What the configured, opening device is: the TV's port, a USB card, the jack, a HAT, or unknown. */
    private Finding judge(String dev, Optional<Card> card, boolean allInOne, DisplayConfig display) {
        String opens = dev + " opens";
        if (card.isEmpty()) {
            return Finding.warn("audio", opens + ", but it names no card in /proc/asound/cards (a PCM of asound.conf?)",
                    "make sure it plays on the TV or the amplifier: speaker-test -D " + dev + " -c 2 -t wav");
        }
        Card c = card.get();
        if (c.hdmi()) {
            String connector = c.connector().orElse("HDMI");
            if (allInOne && connector.equals("HDMI-A-1")) {
                return Finding.warn("audio", opens + ": HDMI-A-1, the kiosk's touch screen on an all-in-one",
                        "the TV is on HDMI-A-2: voice.device = \"sysdefault:CARD=vc4hdmi1\"");
            }
            Optional<Boolean> connected = connected(connector);
            if (connected.isPresent() && !connected.get()) {
                return Finding.warn("audio", opens + ", but nothing is connected on " + connector,
                        "plug the TV into " + connector + " (HDMI-A-1 is next to power), or name the port the TV is on");
            }
            return Finding.ok("audio", opens + ": " + connector + " (" + c.id() + ")"
                    + (connected.orElse(false) ? ", a screen is connected" : "") + "; the TV must not be muted");
        }
        if (c.usb()) {
            return Finding.ok("audio", opens + ": USB sound card " + c.id() + " (" + c.name() + ")");
        }
        if (c.jack()) {
            return Finding.warn("audio", opens + ": the 3.5 mm jack, silent on the TV",
                    "right only with an amplifier on the jack; for the TV: voice.device = \"sysdefault:CARD=vc4hdmi0\""
                            + " (HDMI-A-1) or vc4hdmi1 (HDMI-A-2)");
        }
        List<Integer> clash = gpioButtons(display).stream().filter(I2S_PINS::contains).toList();
        if (!clash.isEmpty()) {
            return Finding.fail("audio", opens + ": card " + c.id() + " (" + c.driver() + ", an I2S HAT?) uses BCM 18-21, and "
                            + cfg.where("buttons.pin_map") + " wires BCM " + clash.stream().map(String::valueOf)
                            .collect(Collectors.joining(", ")),
                    "move those buttons to free pins (hardware-docs/voice.md, I2S HAT) or use a USB sound card");
        }
        return Finding.ok("audio", opens + ": card " + c.id() + " (" + c.driver() + "), not HDMI or USB: an I2S HAT?"
                + " The pin map leaves BCM 18-21 free");
    }

    /** ALSA's default device where it is known not to be the TV: a Pi 4's jack, an all-in-one's kiosk screen. */
    private Optional<Finding> wrongDefault(String model, boolean allInOne, List<Card> cards) {
        String key = cfg.where("voice.device");
        if (model.startsWith("Raspberry Pi 4") && cards.stream().anyMatch(Card::jack)) {
            return Optional.of(Finding.warn("audio", key + ": the default sound device, which on a Pi 4 (Lite) is the"
                            + " 3.5 mm jack: the TV stays silent",
                    "set voice.device = \"sysdefault:CARD=vc4hdmi" + (allInOne ? "1\" (the TV on HDMI-A-2)" : "0\" (the TV on HDMI-A-1)")
                            + ", or leave it if an amplifier is on the jack"));
        }
        if (model.startsWith("Raspberry Pi 5") && allInOne) {
            return Optional.of(Finding.warn("audio", key + ": the default sound device, which on a Pi 5 is HDMI-A-1,"
                            + " the kiosk's touch screen on an all-in-one",
                    "set voice.device = \"sysdefault:CARD=vc4hdmi1\" (the TV on HDMI-A-2)"));
        }
        return Optional.empty();
    }

    private Finding javaSoundDefault() {
        AudioFormat format = new AudioFormat(Pcm.RATE, 16, 1, true, false);
        try {
            SourceDataLine line = AudioSystem.getSourceDataLine(format);
            line.open(format);
            line.close();
            return Finding.ok("audio", "the default sound device plays 22 kHz 16-bit mono (Java Sound)");
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            return Finding.fail("audio", "no default sound device (" + e.getMessage() + ")",
                    "name the TV's port: voice.device = \"sysdefault:CARD=vc4hdmi0\" (HDMI-A-1) or vc4hdmi1 (HDMI-A-2),"
                            + " check `aplay -l`; the user must be in group audio");
        }
    }

    /** The card a PCM name points at ({@code sysdefault:CARD=vc4hdmi1}, {@code plughw:1,0}, {@code hw:Device}). */
    static Optional<Card> cardOf(String device, List<Card> cards) {
        Matcher m = CARD_ARG.matcher(device);
        String ref = m.matches() ? m.group(1) : null;
        if (ref == null) {
            Matcher p = CARD_POSITIONAL.matcher(device);
            ref = p.matches() ? p.group(1) : null;
        }
        if (ref == null) {
            return device.equals("default") || device.equals("sysdefault")
                    ? cards.stream().filter(c -> c.index() == 0).findFirst() : Optional.empty();
        }
        String r = ref;
        return cards.stream().filter(c -> c.id().equals(r) || String.valueOf(c.index()).equals(r)).findFirst();
    }

    List<Card> cards() {
        Path file = host.procfs().resolve("asound/cards");
        List<Card> cards = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher m = CARD_LINE.matcher(line);
                if (m.matches()) {
                    cards.add(new Card(Integer.parseInt(m.group(1)), m.group(2), m.group(3), m.group(4).strip()));
                }
            }
        } catch (IOException e) {
            // No ALSA in the kernel, or no card: an empty list says so.
        }
        return cards;
    }

    private String piModel() {
        try {
            return Files.readString(host.procfs().resolve("device-tree/model"), StandardCharsets.UTF_8)
                    .replace("\0", "").strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Whether a DRM connector reports a screen; empty when sysfs does not have it. */
    private Optional<Boolean> connected(String connector) {
        Path drm = host.sysfs().resolve("class/drm");
        try (var entries = Files.newDirectoryStream(drm, "card*-" + connector)) {
            for (Path p : entries) {
                Path status = p.resolve("status");
                if (Files.isReadable(status)) {
                    return Optional.of(Files.readString(status).strip().equals("connected"));
                }
            }
        } catch (IOException e) {
            // No DRM: nothing to say.
        }
        return Optional.empty();
    }

    private static List<Integer> gpioButtons(DisplayConfig display) {
        PinMap map = PinMap.parse(display.buttons().pinMap());
        TreeSet<Integer> pins = new TreeSet<>();
        map.wires().stream().filter(w -> w.input() instanceof PinMap.Gpio).forEach(w -> pins.add(((PinMap.Gpio) w.input()).bcm()));
        pins.addAll(map.ackOutputs().values());
        map.expanderInterrupt().ifPresent(pins::add);
        return List.copyOf(pins);
    }
}
