package vn.luot.kiosk.flow;

import java.time.LocalTime;

/**
 * Everything the view needs, published as one immutable value on every change.
 *
 * @param offlineSince null while the kiosk reaches its upstream
 * @param paperLow     a discreet staff warning: the printer reports paper near its end
 * @param clockTrusted false: the status corner says the clock is not confirmed
 */
public record KioskState(Screen screen, Language language, boolean online, LocalTime offlineSince, boolean paperLow,
                         boolean clockTrusted) {

    public enum Language {
        VI,
        EN
    }

    KioskState with(Screen s) {
        return new KioskState(s, language, online, offlineSince, paperLow, clockTrusted);
    }
}
