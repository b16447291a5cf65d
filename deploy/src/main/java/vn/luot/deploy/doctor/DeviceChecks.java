package vn.luot.deploy.doctor;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import vn.luot.core.store.QueueStore;
import vn.luot.core.store.StoreException;
import vn.luot.core.sync.ClockTrust;
import vn.luot.core.config.ConfigException;
import vn.luot.display.buttons.PinMap;
import vn.luot.display.buttons.SimulatedButtons;
import vn.luot.display.config.DisplayConfig;
import vn.luot.kiosk.config.KioskConfig;
import vn.luot.printer.EscPosTicketPrinter;
import vn.luot.printer.PrinterStatus;
import vn.luot.printer.profile.PrinterProfile;
import vn.luot.printer.transport.PrinterTransport;

/** The device checks of {@link Doctor}: each returns findings, none throws. */
final class DeviceChecks {

    /** A device whose clock is further than this from its upstream's is not trusted (as in the apps). */
    static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(2);
    private static final long LOW_DISK_BYTES = 200L * 1024 * 1024;
    /** display-app's CallButtons opens the MCP23017 expanders on I2C bus 1, the Pi header's; no config key moves it. */
    private static final Path EXPANDER_BUS = Path.of("/dev/i2c-1");

    private final Host host;
    private final Doctor.Settings cfg;

    DeviceChecks(Host host, Doctor.Settings cfg) {
        this.host = host;
        this.cfg = cfg;
    }

    Finding token() {
        String file = cfg.text("upstream.token_file");
        if (file == null || file.isBlank()) {
            return cfg.text("upstream.token") == null ? Finding.fail("token", cfg.where("upstream") + ": no token",
                    "set upstream.token_file = \"/etc/luot/<program>.token\"")
                    : Finding.warn("token", cfg.where("upstream.token") + ": the device token is in the config, which every user can read",
                            "move it to a token_file (mode 0600, owner luot) and delete the token line");
        }
        Path path = Path.of(file);
        if (!Files.exists(path)) {
            return Finding.fail("token", cfg.where("upstream.token_file") + ": " + file + " does not exist",
                    "sudo install -m 600 -o luot -g luot /dev/null " + file + ", then write the token into it");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                return Finding.fail("token", file + " is readable by other users (" + java.nio.file.attribute.PosixFilePermissions.toString(perms) + ")",
                        "sudo chmod 600 " + file + "; sudo chown luot:luot " + file);
            }
            if (!Files.isReadable(path)) {
                return Finding.fail("token", file + " is not readable by " + System.getProperty("user.name"),
                        "sudo chown luot:luot " + file + " (the service user must own it)");
            }
            if (Files.readString(path).isBlank()) {
                return Finding.fail("token", file + " is empty", "write the device token issued for this device_id into it");
            }
        } catch (IOException | UnsupportedOperationException e) {
            return Finding.fail("token", file + ": " + e.getMessage(), "check the file");
        }
        // Never print the token, not even a part of it.
        return Finding.ok("token", file + " present, mode 0600");
    }

    Finding printer() {
        if (cfg.flag("printer.simulated")) {
            return Finding.warn("printer", "simulated (tickets go to " + cfg.text("printer.tickets_dir") + ")",
                    "set printer.simulated = false on a real kiosk");
        }
        String spec = cfg.text("printer.transport");
        String name = cfg.text("printer.profile") == null ? "generic-80mm" : cfg.text("printer.profile");
        PrinterTransport transport;
        PrinterProfile profile;
        boolean statusQueries;
        try {
            // The kiosk's own reading of the config, so the doctor opens exactly what the kiosk opens.
            KioskConfig kiosk = KioskConfig.load(cfg.file());
            transport = kiosk.printerTransport();
            profile = kiosk.printerProfile();
            statusQueries = kiosk.printerStatusQueries();
        } catch (ConfigException e) {
            return Finding.warn("printer", "not checked: " + e.getMessage(), "fix the config line first");
        }
        if (spec.startsWith("usb:") && !Files.exists(Path.of(spec.substring(4)))) {
            return Finding.fail("printer", spec.substring(4) + " does not exist",
                    "switch the printer on and plug it in; `ls -l /dev/usb/` should show lp0 and the udev rule /dev/luot-printer");
        }
        try (EscPosTicketPrinter printer = EscPosTicketPrinter.builder().profile(profile).transport(transport)
                .statusQueries(statusQueries).statusTimeout(host.timeout()).build()) {
            PrinterStatus status = printer.status();
            String what = transport.describe() + " (" + name + "): " + status;
            return switch (status) {
                case READY -> Finding.ok("printer", what);
                case PAPER_NEAR_END -> Finding.warn("printer", what, "have a new paper roll ready");
                case PAPER_OUT -> Finding.fail("printer", what, "load a paper roll (thermal side out) and close the cover");
                case COVER_OPEN -> Finding.fail("printer", what, "close the printer cover");
                case OFFLINE -> Finding.fail("printer", what + " (no answer to a status request)",
                        "check power, cable and transport");
                case STATUS_UNSUPPORTED -> Finding.warn("printer", what + ": status unsupported, the printer answered none of"
                                + " 3 status requests (DLE EOT); the kiosk prints without status, so paper out goes unnoticed",
                        "if the printer is on and prints `luot printer-test`, set printer.status = \"none\" in "
                                + cfg.where("printer") + "; else check its power and cable");
                case NOT_QUERIED -> Finding.warn("printer", what + ": status queries are off (printer.status = \"none\"); "
                                + "the link opens, but paper out and an open cover go unnoticed",
                        "print `luot printer-test` to check the printer; set printer.status = \"query\" if it answers DLE EOT");
                case ERROR -> Finding.fail("printer", what, "switch the printer off and on; clear a paper jam or cutter error");
            };
        }
    }

    Finding scanner() {
        String kind = cfg.text("scanner.kind");
        if (!"serial".equals(kind)) {
            return Finding.ok("scanner", "keyboard-wedge scanner: it types into the kiosk window; scan a booking code on the home screen to test");
        }
        return serialPort("scanner", "scanner.port", cfg.text("scanner.port"), cfg.number("scanner.baud", 9600),
                "plug the scanner in and set it to USB-COM (CDC) mode; the udev rule names it /dev/luot-scanner");
    }

    Finding hub(DisplayConfig.Hub hub) {
        List<DisplayConfig.Device> devices = hub.devices() == null ? List.of() : hub.devices();
        int port = hub.port() == null ? 8090 : hub.port();
        if (devices.isEmpty()) {
            return Finding.warn("hub", cfg.where("hub.devices") + ": empty, so no kiosk can sync with this hub on port " + port,
                    "add each kiosk: { id = \"kiosk-1\", role = \"kiosk\", token_sha256 = \"...\" } (printf %s TOKEN | sha256sum)");
        }
        return Finding.ok("hub", "port " + port + ", may sync: "
                + String.join(", ", devices.stream().map(d -> d.id() + " (" + d.role() + ")").toList()));
    }

    Finding ledBus(DisplayConfig.Boards boards) {
        if (Boolean.TRUE.equals(boards.simulated())) {
            return Finding.warn("leds", "simulated LED boards", "set boards.simulated = false on a real display device");
        }
        if (boards.port() != null && vn.luot.display.transport.TcpLine.isTcp(boards.port())) {
            return Finding.ok("leds", boards.port() + " (serial-device server over TCP); boards over counters "
                    + (boards.board() == null ? "none" : boards.board().stream().map(b -> String.valueOf(b.counter()))
                    .collect(java.util.stream.Collectors.joining(", "))));
        }
        Finding port = serialPort("leds", "boards.port", boards.port(), boards.baud() == null ? 9600 : boards.baud(),
                "plug the USB RS-485 adapter in; the udev rule names it /dev/luot-rs485 (hardware-docs/wiring.md §5)");
        if (port.level() != Finding.Level.OK) {
            return port;
        }
        List<Integer> counters = boards.board() == null ? List.of()
                : boards.board().stream().map(DisplayConfig.Board::counter).toList();
        return counters.isEmpty()
                ? Finding.warn("leds", port.detail() + ", but no board is configured", "list each counter's board in boards.board")
                : Finding.ok("leds", port.detail() + "; boards over counters " + counters.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(", ")));
    }

    /** One line per configured LED board: pinged at its address with its profile's read (the display must be stopped). */
    List<Finding> ledBoards(DisplayConfig.Boards boards) {
        List<Finding> out = new ArrayList<>();
        if (Boolean.TRUE.equals(boards.simulated()) || boards.board() == null || boards.board().isEmpty()) {
            return out;
        }
        List<vn.luot.display.BoardsCheck.Result> results = vn.luot.display.BoardsCheck.ping(boards);
        for (vn.luot.display.BoardsCheck.Result r : results) {
            String what = "counter " + r.counter() + ", address " + r.address() + " (" + r.profile() + ")";
            out.add(switch (r.outcome()) {
                case OK -> Finding.ok("led-board", what + ": OK, answers");
                case NOT_ANSWERING -> Finding.fail("led-board", what + ": not answering",
                        "check the board's address against boards.board, its power, A/B wiring and the line settings "
                                + "(hardware-docs/led-protocol.md); is luot-display still holding the port?");
                case REFUSES -> Finding.fail("led-board", what + ": answers but refuses the register (exception "
                                + r.reason() + ")",
                        "the board is another model: pick its profile in boards.board (hardware-docs/led-protocol.md)");
            });
        }
        return out;
    }

    private Finding serialPort(String check, String key, String port, int baud, String fix) {
        if (port == null || port.isBlank()) {
            return Finding.fail(check, cfg.where(key) + ": no port set", "set " + key);
        }
        Optional<String> problem = SerialPorts.openProblem(port, baud);
        return problem.map(p -> Finding.fail(check, cfg.where(key) + ": " + p, fix))
                .orElseGet(() -> Finding.ok(check, port + " opens at " + baud + " baud"));
    }

    /** {@code buttons.pin_map} as the display reads it: its GPIO inputs through Pi4J, and the I2C bus of its expanders. */
    List<Finding> buttons(DisplayConfig.Buttons buttons) {
        List<Finding> out = new ArrayList<>();
        // DisplayConfig.load has parsed it already, so this cannot fail here.
        PinMap map = PinMap.parse(buttons.pinMap());
        boolean simulated = Boolean.TRUE.equals(buttons.simulated());
        List<Integer> gpios = map.wires().stream().filter(w -> w.input() instanceof PinMap.Gpio)
                .map(w -> ((PinMap.Gpio) w.input()).bcm()).toList();
        long expanderPins = map.wires().size() - gpios.size();
        Context pi4j;
        try {
            pi4j = simulated ? SimulatedButtons.mockPlatform() : host.realGpio().get();
        } catch (RuntimeException | LinkageError e) {
            out.add(Finding.fail("buttons", "cannot reach the GPIO pins: " + e.getMessage(),
                    "run on the Raspberry Pi, as a user in group gpio (sudo adduser luot gpio)"));
            return out;
        }
        List<String> low = new ArrayList<>();
        try {
            for (int bcm : gpios) {
                DigitalInput in = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("doctor-gpio" + bcm)
                        .address(bcm).pull(PullResistance.PULL_UP));
                if (!simulated && in.state() != DigitalState.HIGH) {
                    low.add("BCM " + bcm);
                }
            }
        } catch (RuntimeException e) {
            out.add(Finding.fail("buttons", "reading the GPIO pins failed: " + e.getMessage(),
                    "check that no other program holds the pins (stop luot-display first) and the user is in group gpio"));
            return out;
        } finally {
            pi4j.shutdown();
        }
        String what = gpios.size() + " button inputs on GPIO in buttons.pin_map";
        if (simulated) {
            out.add(Finding.warn("buttons", what + ", simulated (Pi4J mock platform)", "set buttons.simulated = false on a real display device"));
        } else if (!low.isEmpty()) {
            out.add(Finding.warn("buttons", what + "; LOW (pressed, or shorted to GND): " + String.join(", ", low),
                    "release the button, or look for a shorted cable (wiring.md §1)"));
        } else {
            out.add(Finding.ok("buttons", what + ", all released (HIGH)"));
        }
        if (expanderPins > 0) {
            if (simulated) {
                out.add(Finding.ok("i2c", expanderPins + " keypad inputs on MCP23017, simulated"));
            } else if (!Files.exists(EXPANDER_BUS)) {
                out.add(Finding.fail("i2c", EXPANDER_BUS + " does not exist (" + expanderPins + " keypad inputs need it)",
                        "enable I2C: sudo raspi-config nonint do_i2c 0, then reboot"));
            } else if (!Files.isReadable(EXPANDER_BUS) || !Files.isWritable(EXPANDER_BUS)) {
                out.add(Finding.fail("i2c", EXPANDER_BUS + " is not open to this user", "sudo adduser luot i2c"));
            } else {
                out.add(Finding.ok("i2c", EXPANDER_BUS + " present for " + expanderPins + " keypad inputs"));
            }
        }
        return out;
    }

    /** The voice's output: off, WAV files, or a speaker (its cards and device, {@link AudioCheck}). */
    List<Finding> audio(DisplayConfig display) {
        DisplayConfig.Voice voice = display.voice();
        switch (voice.output()) {
            case "none" -> {
                return List.of(Finding.warn("audio", "voice announcements are off", "set voice.output = \"speaker\" to call numbers aloud"));
            }
            case "wav" -> {
                Path dir = Path.of(voice.wavDir());
                // The display creates the folder at its first call: what must be writable is its nearest existing folder.
                Path existing = dir.toAbsolutePath();
                while (existing != null && !Files.exists(existing)) {
                    existing = existing.getParent();
                }
                return List.of(existing != null && writable(existing)
                        ? Finding.warn("audio", "announcements written to " + dir + " as WAV, not spoken",
                                "set voice.output = \"speaker\" on a branch with a speaker")
                        : Finding.fail("audio", cfg.where("voice.wav_dir") + ": " + dir + " is not writable by "
                                + System.getProperty("user.name"), "sudo chown luot:luot " + existing));
            }
            default -> {
                return new AudioCheck(host, cfg).speaker(display);
            }
        }
    }

    /** A connected screen, as the kernel's DRM connectors report it (works over SSH, no session needed). */
    Finding screen(String what) {
        Path drm = host.sysfs().resolve("class/drm");
        if (!Files.isDirectory(drm)) {
            return Finding.fail("screen", "no graphics device (" + drm + " is missing) for the " + what,
                    "on a Raspberry Pi, keep dtoverlay=vc4-kms-v3d in /boot/firmware/config.txt");
        }
        List<String> connected = new ArrayList<>();
        try (DirectoryStream<Path> cards = Files.newDirectoryStream(drm, "card*-*")) {
            for (Path connector : cards) {
                Path status = connector.resolve("status");
                if (Files.isReadable(status) && Files.readString(status).strip().equals("connected")) {
                    connected.add(connector.getFileName().toString().replaceFirst("^card\\d+-", ""));
                }
            }
        } catch (IOException e) {
            return Finding.fail("screen", "cannot read " + drm + ": " + e.getMessage(), "check /sys is mounted");
        }
        return connected.isEmpty()
                ? Finding.fail("screen", "no screen connected for the " + what, "plug the HDMI cable in (HDMI-A-1 is the port next to power) and switch the screen on")
                : Finding.ok("screen", "connected: " + String.join(", ", connected));
    }

    /** Reachability of the upstream and, from its {@code Date} header, whether this clock can be trusted. */
    List<Finding> upstreamAndClock() {
        String url = cfg.text("upstream.url");
        if (url == null || url.isBlank()) {
            return List.of(Finding.fail("upstream", cfg.where("upstream.url") + ": not set", "set the hub's or the server's URL"));
        }
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(host.timeout()).readTimeout(host.timeout())
                .callTimeout(host.timeout().multipliedBy(2)).build();
        String keys = url.replaceAll("/+$", "") + "/v1/keys";
        long start = System.nanoTime();
        Request request;
        try {
            request = new Request.Builder().url(keys).build();
        } catch (IllegalArgumentException e) {
            return List.of(Finding.fail("upstream", cfg.where("upstream.url") + ": '" + url + "' is not an http(s) URL", "e.g. http://luot-hub.local:8090"));
        }
        try (Response r = http.newCall(request).execute()) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            Instant date = r.headers().getInstant("Date");
            Finding up = r.code() < 500 ? Finding.ok("upstream", url + " answers (HTTP " + r.code() + ", " + ms + " ms)")
                    : Finding.warn("upstream", url + " answers HTTP " + r.code(), "look at the upstream's own log");
            return List.of(up, clock(date, url));
        } catch (IOException e) {
            return List.of(Finding.fail("upstream", url + " unreachable: " + e.getMessage(),
                            "check the network cable/Wi-Fi, the URL and that the hub/server runs; the device works offline meanwhile"),
                    Finding.warn("clock", "not checked: the upstream is unreachable",
                            "a Pi has no battery clock: check `timedatectl` shows the right time and NTP synchronized"));
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private Finding clock(Instant upstreamTime, String url) {
        if (upstreamTime == null) {
            return Finding.warn("clock", "not checked: " + url + " sent no Date header", "check `timedatectl`");
        }
        ClockTrust trust = new ClockTrust(host.clock(), CLOCK_TOLERANCE);
        trust.observe(upstreamTime);
        Duration offset = trust.offset().orElse(Duration.ZERO);
        String by = "off by " + describe(offset) + " from " + url;
        return trust.trusted() ? Finding.ok("clock", "trusted (" + by + ")")
                : Finding.fail("clock", "not trusted: " + by + " (more than " + CLOCK_TOLERANCE.toMinutes() + " min)",
                        "sudo timedatectl set-ntp true and check the network reaches an NTP server; until then day roll-over is held back");
    }

    private static String describe(Duration d) {
        Duration a = d.abs();
        String sign = d.isNegative() ? "-" : "+";
        // HTTP dates have whole seconds: round hours-long offsets to the minute.
        Duration m = a.plusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        return m.toHours() > 0 ? sign + m.toHours() + " h " + m.toMinutesPart() + " min"
                : a.toMinutes() > 0 ? sign + a.toMinutes() + " min " + a.toSecondsPart() + " s" : sign + a.toSeconds() + " s";
    }

    /**
     * The branch's ticket key, which signs the link in every ticket's QR: the hub makes it, every kiosk holds a copy.
     * Devices cannot compare keys with each other, so the line shows a fingerprint to compare by eye.
     */
    Finding ticketKey(boolean kiosk) {
        String configured = kiosk ? cfg.text("ticket_key_file") : null;
        String dataDir = cfg.text("data_dir");
        if ((configured == null || configured.isBlank()) && dataDir == null) {
            return Finding.warn("ticket-key", "not checked: no data_dir", "set data_dir");
        }
        Path file = configured == null || configured.isBlank() ? Path.of(dataDir).resolve("ticket.key") : Path.of(configured);
        String copy = "copy the hub's /var/lib/luot/display/ticket.key to " + file + " (sudo install -o luot -g luot -m 600)";
        if (!Files.exists(file)) {
            return kiosk
                    ? Finding.warn("ticket-key", file + " does not exist: the kiosk will make a key of its own, and the hub's"
                            + " page will not open its tickets' links", copy)
                    : Finding.ok("ticket-key", file + " not made yet (the hub makes the branch's key at its first start)");
        }
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                return Finding.fail("ticket-key", file + " is readable by other users ("
                        + java.nio.file.attribute.PosixFilePermissions.toString(perms) + "): anyone could sign ticket links",
                        "sudo chmod 600 " + file);
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != 32) {
                return Finding.fail("ticket-key", file + " is " + key.length + " bytes, not 32 (a damaged or empty file)",
                        kiosk ? copy : "stop the display, delete the file (a new key is made at start), copy it to every kiosk");
            }
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key);
            return Finding.ok("ticket-key", file + " present, fingerprint " + java.util.HexFormat.ofDelimiter(":")
                    .formatHex(digest, 0, 4) + " (the same on the hub and every kiosk of the branch)");
        } catch (IOException e) {
            return Finding.fail("ticket-key", file + ": " + e.getMessage(), "sudo chown luot:luot " + file);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Who can sign in to the hub's staff page: the personal accounts in {@code staff.db} (read on a copy), and whether
     * the config's shared PINs still sign in (they do until the first personal account of their role exists).
     */
    Finding staffAccounts() {
        String dataDir = cfg.text("data_dir");
        if (dataDir == null) {
            return Finding.warn("staff", "not checked: no data_dir", "set data_dir");
        }
        boolean sharedSupervisor = cfg.text("staff.supervisor_pin") != null;
        Path db = Path.of(dataDir).resolve("staff.db");
        String makeThem = "sign in at /staff with the name left empty as Giám sát and make one account per person";
        if (!Files.exists(db)) {
            return sharedSupervisor
                    ? Finding.warn("staff", "no personal staff accounts yet: staff sign in with shared PINs, so the audit"
                            + " log cannot tell who acted", makeThem)
                    : Finding.warn("staff", "nobody can sign in to the staff page (fine with buttons only): no accounts and"
                            + " no [staff] supervisor_pin",
                            "luot-run display --hash-pin NNNNNN, paste it as supervisor_pin under [staff], restart, then "
                                    + makeThem);
        }
        Path copy = null;
        try {
            copy = Files.createTempDirectory("luot-doctor");
            Files.copy(db, copy.resolve("staff.db"));
            Path wal = db.resolveSibling("staff.db-wal");
            if (Files.exists(wal)) {
                Files.copy(wal, copy.resolve("staff.db-wal"));
            }
            try (vn.luot.core.staff.StaffAccounts accounts = vn.luot.core.staff.StaffAccounts.open(copy.resolve("staff.db"),
                    host.clock())) {
                java.util.List<vn.luot.core.staff.StaffAccount> all = accounts.list();
                long active = all.stream().filter(a -> !a.disabled()).count();
                long supervisors = all.stream().filter(a -> !a.disabled() && a.supervisor()).count();
                boolean clerks = active > supervisors;
                String counts = active + " active personal account(s), " + supervisors + " supervisor(s), "
                        + (all.size() - active) + " disabled";
                if (supervisors == 0 && !sharedSupervisor) {
                    return Finding.warn("staff", counts + ": no supervisor can sign in (no supervisor account, no"
                            + " supervisor_pin)", "set a supervisor_pin under [staff] (luot-run display --hash-pin), restart,"
                            + " sign in as Giám sát and give an account the supervisor role");
                }
                java.util.List<String> shared = new java.util.ArrayList<>();
                if (!clerks && cfg.node("staff.counter_pins") != null && cfg.node("staff.counter_pins").size() > 0) {
                    shared.add("counter PINs");
                }
                if (supervisors == 0 && sharedSupervisor) {
                    shared.add("the supervisor PIN");
                }
                return shared.isEmpty() ? Finding.ok("staff", counts + "; no shared PIN signs in")
                        : Finding.warn("staff", counts + "; shared " + String.join(" and ", shared)
                                + " still sign in (the audit log cannot tell who acted)", makeThem);
            }
        } catch (StoreException e) {
            return Finding.fail("staff", db + ": " + e.getMessage(), "stop the display and restore " + db
                    + " from a backup (accounts are not pulled from upstream)");
        } catch (IOException e) {
            return Finding.fail("staff", "cannot read " + db + ": " + e.getMessage(), "sudo chown -R luot:luot " + dataDir);
        } finally {
            deleteQuietly(copy);
        }
    }

    /** The queue database, checked on a copy so the running program's file is never touched. */
    Finding database() {
        String dataDir = cfg.text("data_dir");
        if (dataDir == null) {
            return Finding.fail("database", cfg.where("data_dir") + ": not set", "set data_dir = \"/var/lib/luot/<program>\"");
        }
        Path dir = Path.of(dataDir);
        Path db = dir.resolve("queue.db");
        if (!Files.isDirectory(dir)) {
            return Finding.warn("database", dir + " does not exist yet", "it is created at the first start (StateDirectory of the unit)");
        }
        if (!writable(dir)) {
            return Finding.fail("database", dir + " is not writable by " + System.getProperty("user.name"), "sudo chown -R luot:luot " + dir);
        }
        String space = "";
        try {
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < LOW_DISK_BYTES) {
                return Finding.warn("database", "only " + free / (1024 * 1024) + " MB free on the disk of " + dir,
                        "free space: sudo journalctl --vacuum-size=50M; remove old tickets");
            }
            space = ", " + free / (1024 * 1024) + " MB free";
        } catch (IOException e) {
            // Reported by the open below if it matters.
        }
        if (!Files.exists(db)) {
            return Finding.ok("database", db + " not created yet (first start creates it)" + space);
        }
        Path copy = null;
        try {
            copy = Files.createTempDirectory("luot-doctor");
            Files.copy(db, copy.resolve("queue.db"), StandardCopyOption.COPY_ATTRIBUTES);
            Path wal = dir.resolve("queue.db-wal");
            if (Files.exists(wal)) {
                Files.copy(wal, copy.resolve("queue.db-wal"));
            }
            try (QueueStore store = QueueStore.open(copy.resolve("queue.db"))) {
                // The open reads a large file's growing tables only as far as it needs: check them whole here.
                String integrity = store.integrityCheck();
                if (!"ok".equals(integrity)) {
                    throw new vn.luot.core.store.StoreException(vn.luot.core.store.StoreException.Kind.CORRUPT, db,
                            "The database " + db + " is damaged (" + integrity + "). Move it aside and restart.", null);
                }
                return Finding.ok("database", db + " opens, integrity ok" + space);
            }
        } catch (StoreException e) {
            return Finding.fail("database", e.getMessage().replace(copy.resolve("queue.db").toString(), db.toString()),
                    "stop the program, move " + db + " aside and start it again: the device pulls its state from upstream");
        } catch (IOException e) {
            return Finding.fail("database", "cannot read " + db + ": " + e.getMessage(), "sudo chown -R luot:luot " + dir);
        } finally {
            deleteQuietly(copy);
        }
    }

    Finding serverPort() {
        int port = cfg.number("port", 8080);
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(port));
            return Finding.ok("port", "port " + port + " is free for the server");
        } catch (IOException e) {
            return Finding.warn("port", "port " + port + " is taken (" + e.getMessage() + ")",
                    "fine if luot-server is running (systemctl status luot-server); else another program holds it: sudo ss -ltnp");
        }
    }

    private static boolean writable(Path dir) {
        return Files.isDirectory(dir) && Files.isWritable(dir);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary copy is harmless.
        }
    }
}
