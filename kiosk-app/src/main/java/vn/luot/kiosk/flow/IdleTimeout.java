package vn.luot.kiosk.flow;

import java.time.Duration;
import java.time.Instant;

/**
 * When a kiosk nobody touches goes back to the next citizen's home screen (Vietnamese, normal text). The idle
 * timeout is paused while a scan is expected (the booking QR on the home screen, the ID card on its step) and
 * while someone is coming to help: an elderly citizen looking for a card in a bag, or waiting for staff, is
 * not idle. A kiosk left on such a screen still goes home after {@link #ABANDONED_FACTOR} times the timeout,
 * so the next citizen never meets the last one's screen.
 */
final class IdleTimeout {

    static final int ABANDONED_FACTOR = 10;

    private final Duration timeout;

    IdleTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** Whether {@code state}, untouched since {@code lastInput}, should give way to the next citizen's home screen. */
    boolean expired(KioskState state, Instant lastInput, Instant now) {
        Screen s = state.screen();
        boolean nextCitizensAlready = s instanceof Screen.Home && state.language() == KioskState.Language.VI
                && !state.largeText() && state.help() == KioskState.Help.NONE;
        if (s instanceof Screen.Working || nextCitizensAlready) {
            return false;
        }
        boolean waitingForScanOrHelp = s instanceof Screen.Home || s instanceof Screen.ScanCitizenCard
                || state.help() != KioskState.Help.NONE;
        Duration limit = waitingForScanOrHelp ? timeout.multipliedBy(ABANDONED_FACTOR) : timeout;
        return Duration.between(lastInput, now).compareTo(limit) >= 0;
    }
}
