package vn.luot.core.domain;

/** Why a citizen comes to the one-stop desk (mục đích). */
public enum Purpose {
    SUBMIT("Nộp hồ sơ", "Submit a dossier"),
    COLLECT("Nhận kết quả", "Collect a result"),
    ADVICE("Tư vấn", "Advice");

    private final String nameVi;
    private final String nameEn;

    Purpose(String nameVi, String nameEn) {
        this.nameVi = nameVi;
        this.nameEn = nameEn;
    }

    public String nameVi() {
        return nameVi;
    }

    public String nameEn() {
        return nameEn;
    }
}
