package vn.luot.core.wait;

import java.text.MessageFormat;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import vn.luot.core.wait.WaitEstimate.Verdict;

/**
 * A {@link WaitEstimate} in words, Vietnamese ({@link #VI}) or English ({@link #EN}), from the {@code wait}
 * resource bundles: the kiosk, the ticket, the TV board and the waiting page all say the same sentences.
 */
public final class WaitWording {

    public static final Locale VI = Locale.forLanguageTag("vi");
    public static final Locale EN = Locale.ENGLISH;
    /** Vietnamese is the base bundle; no fallback to the machine's locale, which would make it English. */
    private static final ResourceBundle.Control BUNDLES =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private WaitWording() {
    }

    /** "Còn 4 người trước bạn — khoảng 15–25 phút", or "Bạn là người tiếp theo". */
    public static String line(WaitEstimate e, Locale locale) {
        String wait = wait(e, locale);
        return wait.isEmpty() ? ahead(e, locale) : format(locale, "line", ahead(e, locale), wait);
    }

    /** "Còn 4 người trước bạn" / "Bạn là người tiếp theo". */
    public static String ahead(WaitEstimate e, Locale locale) {
        return e.ahead() == 0 ? text(locale, "ahead.none") : format(locale, "ahead.some", e.ahead());
    }

    /** "khoảng 15–25 phút", "dưới 5 phút", "các quầy đang tạm nghỉ"…; empty when the citizen is next. */
    public static String wait(WaitEstimate e, Locale locale) {
        if (e.verdict() == Verdict.NEXT) {
            return "";
        }
        if (e.verdict().hasRange()) {
            return format(locale, e.minMinutes() == 0 ? "wait.under" : "wait." + e.verdict(), e.minMinutes(),
                    e.maxMinutes());
        }
        return text(locale, "wait." + e.verdict());
    }

    /** The TV board's cell for a new arrival: "15–25 phút", "không chờ", "tạm nghỉ". */
    public static String cell(WaitEstimate e, Locale locale) {
        if (e.verdict() == Verdict.NEXT) {
            return text(locale, "cell.none");
        }
        if (e.verdict().hasRange()) {
            return format(locale, e.minMinutes() == 0 ? "cell.under" : "cell.range", e.minMinutes(), e.maxMinutes());
        }
        return text(locale, "cell." + e.verdict());
    }

    /**
     * The sentences a citizen must read before waiting: the lunch break now (service resumes at 13:00), that
     * the wait may run or runs past closing, that the counters are paused, that the range includes lunch.
     */
    public static List<String> notes(WaitEstimate e, Locale locale) {
        List<String> notes = new ArrayList<>();
        serviceNow(e.now(), locale).ifPresent(notes::add);
        switch (e.verdict()) {
            case MAY_RUN_PAST_CLOSING, NOT_TODAY -> notes.add(format(locale, "note." + e.verdict(), time(e.closing())));
            case COUNTERS_PAUSED -> notes.add(text(locale, "note.COUNTERS_PAUSED"));
            default -> { }
        }
        if (e.lunchAhead() != null && e.verdict().hasRange()) {
            notes.add(format(locale, "note.lunchAhead", time(e.lunchAhead().start()), time(e.lunchAhead().end())));
        }
        return notes;
    }

    /** "Đang nghỉ trưa. Các quầy làm việc lại lúc 13:00." while the counters do not serve; empty while they do. */
    public static Optional<String> serviceNow(WaitEstimate.ServiceNow now, Locale locale) {
        if (now.resumesAt() == null) {
            return Optional.empty();
        }
        return Optional.of(format(locale, "now." + now.service(), time(now.resumesAt())));
    }

    private static String time(LocalTime t) {
        return TIME.format(t);
    }

    private static String text(Locale locale, String key) {
        return bundle(locale).getString(key);
    }

    private static String format(Locale locale, String key, Object... args) {
        return new MessageFormat(text(locale, key), locale).format(args);
    }

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("vn.luot.core.wait.wait",
                "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.ROOT, BUNDLES);
    }
}
