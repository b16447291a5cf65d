package vn.luot.core.domain;

import java.time.LocalTime;

/** Opening blocks of the day (ca sáng / ca chiều); bookings can be moved from the first to the second. */
public enum Shift {
    MORNING("Ca sáng", "Morning shift"),
    AFTERNOON("Ca chiều", "Afternoon shift");

    private static final LocalTime NOON = LocalTime.NOON;

    private final String nameVi;
    private final String nameEn;

    Shift(String nameVi, String nameEn) {
        this.nameVi = nameVi;
        this.nameEn = nameEn;
    }

    public static Shift of(LocalTime start) {
        return start.isBefore(NOON) ? MORNING : AFTERNOON;
    }

    public String nameVi() {
        return nameVi;
    }

    public String nameEn() {
        return nameEn;
    }
}
