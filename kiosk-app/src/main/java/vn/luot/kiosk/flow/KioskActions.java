package vn.luot.kiosk.flow;

import vn.luot.core.domain.Purpose;

/** What a citizen's taps can ask of the kiosk; the view calls only these. */
public interface KioskActions {

    void walkIn();

    void chooseField(String code);

    void choosePurpose(Purpose purpose);

    void skipCitizenCard();

    void home();

    void toggleLanguage();

    /** For screenshots and previews: taps do nothing. */
    KioskActions NONE = new KioskActions() {
        @Override
        public void walkIn() {
        }

        @Override
        public void chooseField(String code) {
        }

        @Override
        public void choosePurpose(Purpose purpose) {
        }

        @Override
        public void skipCitizenCard() {
        }

        @Override
        public void home() {
        }

        @Override
        public void toggleLanguage() {
        }
    };
}
