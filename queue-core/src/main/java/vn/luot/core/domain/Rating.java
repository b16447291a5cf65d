package vn.luot.core.domain;

/** Satisfaction rating (đánh giá mức độ hài lòng), one of the four keypad buttons. */
public enum Rating {
    VERY_SATISFIED("Rất hài lòng", "Very satisfied"),
    SATISFIED("Hài lòng", "Satisfied"),
    NEUTRAL("Bình thường", "Neutral"),
    DISSATISFIED("Không hài lòng", "Dissatisfied");

    private final String nameVi;
    private final String nameEn;

    Rating(String nameVi, String nameEn) {
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
