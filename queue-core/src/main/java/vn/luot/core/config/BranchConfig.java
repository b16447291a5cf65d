package vn.luot.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.Counter;
import vn.luot.core.domain.ServiceField;
import vn.luot.core.domain.TimeSlot;

/**
 * A branch as written in a config file: one {@code [[branches]]} entry of the server's config, or the
 * whole of a device's branch file ({@code branch = "/etc/luot/branch.toml"}). One shape, so the server
 * and the devices of a branch describe it the same way.
 */
public record BranchConfig(String id, String name, String address, List<String> hours, Integer slotMinutes,
                           Integer capacityPerField, Integer checkInOpensBeforeMinutes, Integer checkInGraceMinutes,
                           String lastWalkIn, String lunchBreak, List<FieldEntry> fields, List<CounterEntry> counters) {

    /**
     * {@code everyday_vi}/{@code everyday_en}: the words citizens know the field's services by (optional);
     * {@code service_minutes}: a citizen's typical time at the counter, for the estimated waits until the day has
     * measured its own (optional, {@value ServiceField#DEFAULT_SERVICE_MINUTES}).
     */
    public record FieldEntry(String code, String nameVi, String nameEn, String everydayVi, String everydayEn,
                             Integer serviceMinutes) {
    }

    public record CounterEntry(Integer number, List<String> fields) {
    }

    /** The longest everyday words a kiosk tile shows whole, in large text too. */
    static final int EVERYDAY_MAX = 48;

    /** The everyday words: optional, but both languages or neither, on one line, short enough for a tile. */
    private static void everyday(String at, FieldEntry f) {
        boolean vi = f.everydayVi() != null && !f.everydayVi().isBlank();
        boolean en = f.everydayEn() != null && !f.everydayEn().isBlank();
        if (vi != en) {
            throw new IllegalArgumentException(at + "." + (vi ? "everyday_en" : "everyday_vi")
                    + " is missing: give the everyday words in both languages, or in neither");
        }
        for (String[] key : new String[][] {{"everyday_vi", f.everydayVi()}, {"everyday_en", f.everydayEn()}}) {
            String words = key[1] == null ? "" : key[1].strip();
            if (words.length() > EVERYDAY_MAX || words.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException(at + "." + key[0] + " must be one line of at most " + EVERYDAY_MAX
                        + " characters (a kiosk tile shows it whole): '" + words + "'");
            }
        }
    }

    /**
     * A device config's {@code branch} value: {@code "demo"} for the built-in demo branch, else the path of a
     * branch file, read with {@link #load}.
     */
    public static Branch named(String spec) {
        if (spec == null || spec.isBlank() || spec.equals("demo")) {
            return vn.luot.core.domain.DemoBranch.create();
        }
        return load(Path.of(spec));
    }

    /** Reads a branch file; every problem names the file, and the key where it can. */
    public static Branch load(Path file) {
        String text;
        try {
            text = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new ConfigException(file, 0, null, "cannot read the config file: " + e.getMessage());
        }
        return ConfigFile.parse(file, text, BranchConfig.class).toBranch(file, text, "");
    }

    /**
     * The domain branch, or a {@link ConfigException} naming {@code at} (e.g. {@code branches[0]}) and the
     * key that is wrong.
     */
    public Branch toBranch(Path file, String at) {
        return toBranch(file, null, at);
    }

    /** As {@link #toBranch(Path, String)}; with the file's {@code text}, a wrong key's problem names its line. */
    Branch toBranch(Path file, String text, String at) {
        String prefix = at.isEmpty() ? "" : at + ".";
        try {
            List<ServiceField> fieldList = new ArrayList<>();
            List<FieldEntry> entries = required(fields, prefix + "fields");
            for (int i = 0; i < entries.size(); i++) {
                FieldEntry f = entries.get(i);
                everyday(prefix + "fields[" + i + "]", f);
                int minutes = f.serviceMinutes() == null ? ServiceField.DEFAULT_SERVICE_MINUTES : f.serviceMinutes();
                if (minutes < 1 || minutes > 120) {
                    throw new KeyProblem("service_minutes", "field " + f.code() + ": must be 1..120, is " + minutes);
                }
                fieldList.add(new ServiceField(f.code(), f.nameVi(), f.nameEn(), f.everydayVi(), f.everydayEn(),
                        minutes));
            }
            List<Counter> counterList = new ArrayList<>();
            for (CounterEntry c : required(counters, prefix + "counters")) {
                counterList.add(new Counter(c.number() == null ? 0 : c.number(),
                        Set.copyOf(required(c.fields(), prefix + "counters.fields"))));
            }
            TimeSlot lunch = lunch();
            Branch branch = new Branch(id, name, fieldList, slots(prefix, lunch), counterList, address,
                    times(prefix, lunch));
            LocalTime last = branch.times().lastWalkIn();
            if (last != null && branch.lunchBreak().map(l -> l.contains(last)).orElse(false)) {
                throw new KeyProblem("last_walk_in", lastWalkIn + " is in the lunch break " + branch.lunchBreak().get()
                        + ": say when the last number before or after it is handed out");
            }
            return branch;
        } catch (KeyProblem e) {
            throw new ConfigException(file, ConfigFile.lineOf(text, prefix + e.key), prefix + e.key, e.getMessage());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException(file, 0, at.isEmpty() ? null : at,
                    e.getMessage() == null ? "a required key (id, name, hours, fields, counters) is missing" : e.getMessage());
        }
    }

    private Branch.Times times(String prefix, TimeSlot lunch) {
        Branch.Times d = Branch.Times.DEFAULT;
        LocalTime lastWalkInTime = null;
        if (lastWalkIn != null && !lastWalkIn.isBlank()) {
            try {
                lastWalkInTime = LocalTime.parse(lastWalkIn.strip());
            } catch (DateTimeParseException e) {
                throw new KeyProblem("last_walk_in", "'" + lastWalkIn + "' is not HH:MM");
            }
        }
        if (checkInOpensBeforeMinutes != null && (checkInOpensBeforeMinutes < 0 || checkInOpensBeforeMinutes > 240)) {
            throw new KeyProblem("check_in_opens_before_minutes", "must be 0..240, is " + checkInOpensBeforeMinutes);
        }
        if (checkInGraceMinutes != null && (checkInGraceMinutes < 0 || checkInGraceMinutes > 120)) {
            throw new KeyProblem("check_in_grace_minutes", "must be 0..120, is " + checkInGraceMinutes);
        }
        try {
            return new Branch.Times(
                    checkInOpensBeforeMinutes == null ? d.checkInOpensBefore() : Duration.ofMinutes(checkInOpensBeforeMinutes),
                    checkInGraceMinutes == null ? d.checkInGrace() : Duration.ofMinutes(checkInGraceMinutes),
                    lastWalkInTime, lunch);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + e.getMessage());
        }
    }

    /** {@code lunch_break = "12:00-13:00"}: within the opening hours, at most 3 hours; null when not set. */
    private TimeSlot lunch() {
        if (lunchBreak == null || lunchBreak.isBlank()) {
            return null;
        }
        TimeSlot lunch;
        try {
            lunch = TimeSlot.parse(lunchBreak.strip());
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new KeyProblem("lunch_break", "'" + lunchBreak + "' is not HH:MM-HH:MM (start before end)");
        }
        if (lunch.end().isAfter(lunch.start().plusHours(3))) {
            throw new KeyProblem("lunch_break", lunch + " is longer than 3 hours");
        }
        LocalTime opens = null;
        LocalTime closes = null;
        for (String block : hours == null ? List.<String>of() : hours) {
            try {
                TimeSlot open = TimeSlot.parse(block);
                opens = opens == null || open.start().isBefore(opens) ? open.start() : opens;
                closes = closes == null || open.end().isAfter(closes) ? open.end() : closes;
            } catch (DateTimeParseException | IllegalArgumentException e) {
                return lunch; // the hours' own check names that key
            }
        }
        if (opens != null && (!lunch.start().isAfter(opens) || !lunch.end().isBefore(closes))) {
            throw new KeyProblem("lunch_break", lunch + " is not within the opening hours " + opens + "-" + closes);
        }
        return lunch;
    }

    /** A problem with one key of the branch, named in the error with its line. */
    private static final class KeyProblem extends IllegalArgumentException {
        private final String key;

        KeyProblem(String key, String problem) {
            super(problem);
            this.key = key;
        }
    }

    private static <T> List<T> required(List<T> list, String key) {
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException(key + " is required");
        }
        return list;
    }

    /** The hours cut into slots; no slot overlaps the lunch break (hours = ["08:00-17:00"] loses 12:00-13:00). */
    private List<TimeSlot> slots(String prefix, TimeSlot lunch) {
        int minutes = slotMinutes == null ? 30 : slotMinutes;
        if (minutes < 5 || minutes > 240) {
            throw new IllegalArgumentException(prefix + "slot_minutes must be 5..240");
        }
        List<TimeSlot> slots = new ArrayList<>();
        for (String block : required(hours, prefix + "hours")) {
            TimeSlot open;
            try {
                open = TimeSlot.parse(block);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(prefix + "hours: '" + block + "' is not HH:MM-HH:MM");
            }
            for (LocalTime t = open.start(); !t.plusMinutes(minutes).isAfter(open.end()) && t.isBefore(open.end());
                 t = t.plusMinutes(minutes)) {
                TimeSlot slot = new TimeSlot(t, t.plusMinutes(minutes));
                if (lunch == null || !slot.start().isBefore(lunch.end()) || !slot.end().isAfter(lunch.start())) {
                    slots.add(slot);
                }
            }
        }
        return slots;
    }
}
