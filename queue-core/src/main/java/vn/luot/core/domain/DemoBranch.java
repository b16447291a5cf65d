package vn.luot.core.domain;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The realistic demo branch of the glossary: seven fields, 30-minute slots 08:00–12:00 and
 * 13:00–17:00 with the lunch break between, ten counters serving one to three fields each. Used by the
 * demo, tests and benchmarks. demo-server.toml describes the same branch.
 */
public final class DemoBranch {

    public static final String ID = "hn-hoankiem";
    public static final String ADDRESS = "Số 1 Lý Thái Tổ, phường Hoàn Kiếm, Hà Nội";
    public static final TimeSlot LUNCH = TimeSlot.of("12:00", "13:00");

    private DemoBranch() {
    }

    public static Branch create() {
        return withCounters(List.of(
                new Counter(1, Set.of("HT")),
                new Counter(2, Set.of("HT", "CT")),
                new Counter(3, Set.of("CT")),
                new Counter(4, Set.of("DD")),
                new Counter(5, Set.of("DD", "XD")),
                new Counter(6, Set.of("XD")),
                new Counter(7, Set.of("KD")),
                new Counter(8, Set.of("KD", "CTR")),
                new Counter(9, Set.of("CTR", "LD")),
                new Counter(10, Set.of("LD", "HT", "CT"))));
    }

    /** The demo branch with {@code count} counters, each serving one field in turn (for benchmarks). */
    public static Branch withCounterCount(int count) {
        List<ServiceField> fields = fields();
        List<Counter> counters = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            counters.add(new Counter(i, Set.of(fields.get((i - 1) % fields.size()).code())));
        }
        return withCounters(counters);
    }

    private static Branch withCounters(List<Counter> counters) {
        return new Branch(ID, "Trung tâm Phục vụ hành chính công – Chi nhánh số 1 (Hoàn Kiếm)", fields(), slots(),
                counters, ADDRESS, new Branch.Times(Duration.ofMinutes(30), Duration.ZERO, null, LUNCH));
    }

    public static List<ServiceField> fields() {
        return List.of(
                new ServiceField("HT", "Hộ tịch", "Civil status", "khai sinh, kết hôn, khai tử",
                        "birth, marriage, death", 10),
                new ServiceField("CT", "Chứng thực", "Certification", "sao y, chứng thực chữ ký",
                        "certified copies, signatures", 6),
                new ServiceField("DD", "Đất đai", "Land", "sổ đỏ, sang tên nhà đất", "land titles, transfers", 15),
                new ServiceField("XD", "Xây dựng", "Construction", "giấy phép xây dựng, sửa nhà",
                        "building permits, repairs", 12),
                new ServiceField("KD", "Đăng ký kinh doanh", "Business registration", "hộ kinh doanh, giấy phép",
                        "household business, licences", 12),
                new ServiceField("CTR", "Cư trú", "Residence", "thường trú, tạm trú",
                        "permanent, temporary residence", 8),
                new ServiceField("LD", "Lao động – Thương binh và Xã hội", "Labour, invalids and social affairs",
                        "trợ cấp, người có công, bảo trợ xã hội", "allowances, people of merit, social support", 10));
    }

    public static List<TimeSlot> slots() {
        List<TimeSlot> slots = new ArrayList<>();
        addSlots(slots, LocalTime.of(8, 0), LocalTime.of(12, 0));
        addSlots(slots, LocalTime.of(13, 0), LocalTime.of(17, 0));
        return slots;
    }

    private static void addSlots(List<TimeSlot> slots, LocalTime from, LocalTime to) {
        for (LocalTime t = from; t.isBefore(to); t = t.plusMinutes(30)) {
            slots.add(new TimeSlot(t, t.plusMinutes(30)));
        }
    }
}
