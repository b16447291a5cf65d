package vn.luot.core.staff;

/** What a staff account may do at the branch: serve at a counter, or also supervise (move shifts, manage devices and accounts). */
public enum StaffRole {
    CLERK("Nhân viên quầy", "Clerk"),
    SUPERVISOR("Giám sát", "Supervisor");

    private final String nameVi;
    private final String nameEn;

    StaffRole(String nameVi, String nameEn) {
        this.nameVi = nameVi;
        this.nameEn = nameEn;
    }

    public String nameVi() {
        return nameVi;
    }

    public String nameEn() {
        return nameEn;
    }

    /** The audit log's word for the role ({@code clerk}, {@code supervisor}), as PIN sign-ins wrote it before. */
    public String auditName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
