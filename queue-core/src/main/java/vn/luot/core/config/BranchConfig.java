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
                           String lastWalkIn, List<FieldEntry> fields, List<CounterEntry> counters) {

    /** {@code everyday_vi}/{@code everyday_en}: the words citizens know the field's services by (optional). */
    public record FieldEntry(String code, String nameVi, String nameEn, String everydayVi, String everydayEn) {
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
        return ConfigFile.load(file, BranchConfig.class).toBranch(file, "");
    }

    /**
     * The domain branch, or a {@link ConfigException} naming {@code at} (e.g. {@code branches[0]}) and the
     * key that is wrong.
     */
    public Branch toBranch(Path file, String at) {
        String prefix = at.isEmpty() ? "" : at + ".";
        try {
            List<ServiceField> fieldList = new ArrayList<>();
            List<FieldEntry> entries = required(fields, prefix + "fields");
            for (int i = 0; i < entries.size(); i++) {
                FieldEntry f = entries.get(i);
                everyday(prefix + "fields[" + i + "]", f);
                fieldList.add(new ServiceField(f.code(), f.nameVi(), f.nameEn(), f.everydayVi(), f.everydayEn()));
            }
            List<Counter> counterList = new ArrayList<>();
            for (CounterEntry c : required(counters, prefix + "counters")) {
                counterList.add(new Counter(c.number() == null ? 0 : c.number(),
                        Set.copyOf(required(c.fields(), prefix + "counters.fields"))));
            }
            return new Branch(id, name, fieldList, slots(prefix), counterList, address, times(prefix));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException(file, 0, at.isEmpty() ? null : at,
                    e.getMessage() == null ? "a required key (id, name, hours, fields, counters) is missing" : e.getMessage());
        }
    }

    private Branch.Times times(String prefix) {
        Branch.Times d = Branch.Times.DEFAULT;
        LocalTime lastWalkInTime = null;
        if (lastWalkIn != null && !lastWalkIn.isBlank()) {
            try {
                lastWalkInTime = LocalTime.parse(lastWalkIn.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(prefix + "last_walk_in: '" + lastWalkIn + "' is not HH:MM");
            }
        }
        try {
            return new Branch.Times(
                    checkInOpensBeforeMinutes == null ? d.checkInOpensBefore() : Duration.ofMinutes(checkInOpensBeforeMinutes),
                    checkInGraceMinutes == null ? d.checkInGrace() : Duration.ofMinutes(checkInGraceMinutes),
                    lastWalkInTime);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + e.getMessage());
        }
    }

    private static <T> List<T> required(List<T> list, String key) {
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException(key + " is required");
        }
        return list;
    }

    private List<TimeSlot> slots(String prefix) {
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
                slots.add(new TimeSlot(t, t.plusMinutes(minutes)));
            }
        }
        return slots;
    }
}
