package vn.luot.kiosk.flow;

import java.time.LocalTime;

/**
 * Everything the view needs, published as one immutable value on every change.
 *
 * @param offlineSince null while the kiosk reaches its upstream
 * @param paperLow     the printer reports paper near its end: for staff (log, doctor), never drawn for the citizen
 * @param clockTrusted false: the clock is not confirmed; for staff, never drawn for the citizen
 * @param largeText    the citizen asked for large text (one tap, on every screen); cleared for the next citizen
 * @param help         whether the citizen asked for help, and whether staff were told
 */
public record KioskState(Screen screen, Language language, boolean online, LocalTime offlineSince, boolean paperLow,
                         boolean clockTrusted, boolean largeText, Help help) {

    public enum Language {
        VI,
        EN
    }

    /** The "Cần hỗ trợ" button's effect, as the citizen is told it. */
    public enum Help {
        /** Not asked. */
        NONE,
        /** Staff were alerted through the hub: someone is coming. */
        COMING,
        /** The alert could not be recorded: the citizen is sent to the information desk instead. */
        ASK_AT_DESK
    }

    /** A state of the default presentation (Vietnamese, normal text, no help asked). */
    public KioskState(Screen screen, Language language, boolean online, LocalTime offlineSince, boolean paperLow,
                      boolean clockTrusted) {
        this(screen, language, online, offlineSince, paperLow, clockTrusted, false, Help.NONE);
    }

    KioskState with(Screen s) {
        return new KioskState(s, language, online, offlineSince, paperLow, clockTrusted, largeText, help);
    }

    public KioskState withLanguage(Language l) {
        return new KioskState(screen, l, online, offlineSince, paperLow, clockTrusted, largeText, help);
    }

    public KioskState withLargeText(boolean large) {
        return new KioskState(screen, language, online, offlineSince, paperLow, clockTrusted, large, help);
    }

    public KioskState withHelp(Help h) {
        return new KioskState(screen, language, online, offlineSince, paperLow, clockTrusted, largeText, h);
    }

    KioskState withSync(boolean isOnline, LocalTime since, boolean trusted) {
        return new KioskState(screen, language, isOnline, since, paperLow, trusted, largeText, help);
    }

    KioskState withPaperLow(boolean low) {
        return new KioskState(screen, language, online, offlineSince, low, clockTrusted, largeText, help);
    }

    /** The home screen as the next citizen finds it: Vietnamese, normal text, no help pending. */
    KioskState forNextCitizen() {
        return new KioskState(new Screen.Home(), Language.VI, online, offlineSince, paperLow, clockTrusted, false, Help.NONE);
    }
}
