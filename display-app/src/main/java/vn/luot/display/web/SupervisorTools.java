package vn.luot.display.web;

import java.text.MessageFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import vn.luot.core.audit.AuditLog;
import vn.luot.core.devices.DeviceRecord;
import vn.luot.core.devices.EnrolledDevices;
import vn.luot.core.devices.EnrolmentCode;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.sync.DeviceIdentity;

/**
 * What the staff page adds for the supervisor and for accountability: the branch's devices (enrolment codes,
 * revocation) and the audit log, in which every staff and supervisor action is recorded (who, what, when from
 * the injected clock, from which address). Either part may be absent (a hub built without them, as older
 * tests build it). Texts come from the {@code staff} bundle, Vietnamese first. Safe for concurrent use.
 */
public final class SupervisorTools {

    static final ResourceBundle TEXT = ResourceBundle.getBundle("vn.luot.display.web.staff", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final EnrolledDevices devices;
    private final AuditLog audit;
    private final Branch branch;
    private final Clock clock;
    private final java.util.function.Supplier<List<vn.luot.core.health.SeenHeartbeat>> health;
    private final java.util.function.Supplier<vn.luot.core.sync.SyncServer.Refusals> refusals;

    /** @param devices the hub's device registry, or null; @param audit the hub's audit log, or null */
    public SupervisorTools(EnrolledDevices devices, AuditLog audit, Branch branch, Clock clock) {
        this(devices, audit, branch, clock, List::of, () -> null);
    }

    /**
     * @param health   every device's latest heartbeat at the hub (the hub's own included)
     * @param refusals what the hub refused at its sync boundary
     */
    public SupervisorTools(EnrolledDevices devices, AuditLog audit, Branch branch, Clock clock,
                           java.util.function.Supplier<List<vn.luot.core.health.SeenHeartbeat>> health,
                           java.util.function.Supplier<vn.luot.core.sync.SyncServer.Refusals> refusals) {
        this.devices = devices;
        this.audit = audit;
        this.branch = branch;
        this.clock = clock;
        this.health = health;
        this.refusals = refusals;
    }

    /** What the supervisor watches of the branch on this hub's queue. */
    BranchWatch watch(vn.luot.core.store.LocalQueue queue) {
        return new BranchWatch(queue, health, refusals, clock);
    }

    static SupervisorTools none(Branch branch, Clock clock) {
        return new SupervisorTools(null, null, branch, clock);
    }

    boolean hasAudit() {
        return audit != null;
    }

    /** Records one action; {@code who} is the session's name, {@code role} clerk or supervisor. */
    void record(String who, String role, String action, String detail, String remote) {
        if (audit != null) {
            audit.append(who, role, action, detail, remote);
        }
    }

    static String text(String key, Object... args) {
        String pattern = TEXT.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.ROOT).format(args);
    }

    /** The bundle as a template scope ({@code {{t.devices_heading}}}): dots become underscores. */
    static Map<String, String> texts() {
        Map<String, String> t = new LinkedHashMap<>();
        for (String key : TEXT.keySet()) {
            t.put(key.replace('.', '_').replace('-', '_'), TEXT.getString(key));
        }
        return t;
    }

    /** The audit log's key for a staff page action. */
    static String auditAction(String action) {
        return switch (action) {
            case "move-morning" -> "shift.move-morning";
            case "device-code" -> "device.code";
            case "device-revoke" -> "device.revoke";
            case "account-create", "account-reset", "account-disable", "account-enable" -> "staff." + action;
            case "alert-ack" -> "alert.acknowledge";
            default -> "counter." + action;
        };
    }

    /** What the action was about, for the audit log: a counter, a field, a device; never a secret. */
    static String auditDetail(StaffSessions.Session s, String action, Map<String, String> form) {
        return switch (action) {
            case "device-code" -> form.getOrDefault("device", "") + " " + form.getOrDefault("role", "KIOSK");
            case "device-revoke" -> form.getOrDefault("device", "");
            case "account-create" -> form.getOrDefault("login", "").strip().toLowerCase(Locale.ROOT) + " "
                    + ("SUPERVISOR".equals(form.get("role")) ? "SUPERVISOR" : "CLERK");
            case "account-reset", "account-disable", "account-enable" ->
                    form.getOrDefault("login", "").strip().toLowerCase(Locale.ROOT);
            case "transfer" -> "counter " + s.counter() + " → " + form.getOrDefault("field", "");
            case "rate" -> "counter " + s.counter() + " " + form.getOrDefault("rating", "");
            case "move-morning" -> "";
            case "alert-ack" -> form.getOrDefault("alert", "");
            default -> "counter " + s.counter();
        };
    }

    // ---- devices -------------------------------------------------------------------------------------

    /** The devices section of the supervisor's page, or null without a registry. */
    Map<String, Object> devicesView() {
        if (devices == null) {
            return null;
        }
        Instant now = clock.instant();
        List<Map<String, Object>> rows = devices.list(branch.id()).stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("device", r.device().deviceId());
            row.put("role", text("role." + r.device().role().name()));
            row.put("source", text("source." + r.source()));
            row.put("fingerprint", r.fingerprint());
            DeviceRecord.State state = r.state(now);
            row.put("state", switch (state) {
                case GRACE -> text("state.GRACE", time(r.validUntil()));
                case REVOKED -> text("state.REVOKED", time(r.revoked()));
                default -> text("state." + state.name());
            });
            row.put("live", state == DeviceRecord.State.ACTIVE || state == DeviceRecord.State.GRACE ? Boolean.TRUE : null);
            return row;
        }).toList();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("rows", rows.isEmpty() ? null : rows);
        return view;
    }

    /** Issues a code for the form's device; answers the flash message that shows it once. */
    String issueCode(String who, Map<String, String> form) {
        String id = form.getOrDefault("device", "").strip();
        if (devices == null) {
            throw new IllegalArgumentException("no device registry on this hub");
        }
        if (!id.matches("[a-z0-9][a-z0-9-]{0,31}") || id.equals("central") || id.equals("hub")) {
            return text("devices.invalidId");
        }
        DeviceIdentity.Role role = "DISPLAY".equals(form.get("role")) ? DeviceIdentity.Role.DISPLAY
                : DeviceIdentity.Role.KIOSK;
        DeviceIdentity device = new DeviceIdentity(id, branch.id(), role);
        String block = form.getOrDefault("walk_in", "").strip();
        if (!block.isEmpty()) {
            try {
                device = device.withWalkInBlock(NumberBlock.parse(block));
            } catch (IllegalArgumentException e) {
                return text("devices.invalidBlock");
            }
        }
        EnrolmentCode code = devices.issueCode(device, who);
        return text("devices.code.issued", id, code.code(), CLOCK.format(code.expires().atZone(BranchTime.ZONE)));
    }

    /** Revokes the form's device at once; answers the flash message. */
    String revoke(String who, Map<String, String> form) {
        if (devices == null) {
            throw new IllegalArgumentException("no device registry on this hub");
        }
        String id = form.getOrDefault("device", "");
        int revoked = devices.revoke(branch.id(), id, who);
        return revoked == 0 ? text("devices.unknown", id) : text("devices.revoked", id, revoked);
    }

    // ---- audit ---------------------------------------------------------------------------------------

    /** The latest entries for the audit page, newest first, each action named in the bundle. */
    List<Map<String, Object>> auditRows(int limit) {
        if (audit == null) {
            return List.of();
        }
        return audit.latest(limit).stream().map(e -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("at", time(e.at()));
            row.put("actor", words(e.actor()) + " (" + words(e.role()) + ")");
            String key = "action." + e.action();
            row.put("action", TEXT.containsKey(key) ? TEXT.getString(key) : e.action());
            row.put("detail", words(e.detail()));
            row.put("from", e.remote());
            return row;
        }).toList();
    }

    /**
     * The log's codes in the words a supervisor reads ("counter 3 GOOD" as "quầy 3 Hài lòng"); the log itself keeps
     * the codes, which do not change with the wording.
     */
    static String words(String codes) {
        if (codes == null || codes.isBlank()) {
            return "";
        }
        return java.util.Arrays.stream(codes.split(" ")).map(SupervisorTools::word)
                .collect(java.util.stream.Collectors.joining(" "));
    }

    private static String word(String code) {
        for (String key : List.of("word." + code, "role." + code)) {
            if (TEXT.containsKey(key)) {
                return TEXT.getString(key);
            }
        }
        for (vn.luot.core.domain.Rating r : vn.luot.core.domain.Rating.values()) {
            if (r.name().equals(code)) {
                return r.nameVi();
            }
        }
        return code;
    }

    private static String time(Instant at) {
        return at == null ? "" : TIME.format(at.atZone(ZoneId.of(BranchTime.ZONE.getId())));
    }
}
