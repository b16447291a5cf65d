package vn.luot.core.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An administrative field (lĩnh vực) with the short code printed in front of ticket numbers,
 * e.g. {@code HT} for Hộ tịch, and the everyday words citizens know its services by ("khai sinh, kết hôn"),
 * empty where the branch gives none.
 */
public record ServiceField(String code, String nameVi, String nameEn, String everydayVi, String everydayEn) {

    public ServiceField(String code, String nameVi, String nameEn) {
        this(code, nameVi, nameEn, "", "");
    }

    private static final Pattern CODE = Pattern.compile("[A-Z]{1,4}");

    public ServiceField {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(nameVi, "nameVi");
        Objects.requireNonNull(nameEn, "nameEn");
        everydayVi = everydayVi == null ? "" : everydayVi.strip();
        everydayEn = everydayEn == null ? "" : everydayEn.strip();
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("a field code is 1 to 4 capital letters A-Z: " + code);
        }
    }
}
