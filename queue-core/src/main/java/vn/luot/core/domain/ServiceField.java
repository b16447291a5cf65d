package vn.luot.core.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An administrative field (lĩnh vực) with the short code printed in front of ticket numbers,
 * e.g. {@code HT} for Hộ tịch, and the everyday words citizens know its services by ("khai sinh, kết hôn"),
 * empty where the branch gives none. {@code serviceMinutes} is how long a citizen of the field typically takes at
 * a counter: the estimated waits use it until the day has enough served citizens of its own to measure.
 */
public record ServiceField(String code, String nameVi, String nameEn, String everydayVi, String everydayEn,
                           int serviceMinutes) {

    /** What a field takes at a counter when its branch does not say: a dossier read, checked and received. */
    public static final int DEFAULT_SERVICE_MINUTES = 10;

    public ServiceField(String code, String nameVi, String nameEn) {
        this(code, nameVi, nameEn, "", "");
    }

    public ServiceField(String code, String nameVi, String nameEn, String everydayVi, String everydayEn) {
        this(code, nameVi, nameEn, everydayVi, everydayEn, DEFAULT_SERVICE_MINUTES);
    }

    private static final Pattern CODE = Pattern.compile("[A-Z]{1,4}");

    public ServiceField {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(nameVi, "nameVi");
        Objects.requireNonNull(nameEn, "nameEn");
        everydayVi = everydayVi == null ? "" : everydayVi.strip();
        everydayEn = everydayEn == null ? "" : everydayEn.strip();
        if (serviceMinutes < 1 || serviceMinutes > 120) {
            throw new IllegalArgumentException("service_minutes must be 1..120, is " + serviceMinutes);
        }
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("a field code is 1 to 4 capital letters A-Z: " + code);
        }
    }
}
