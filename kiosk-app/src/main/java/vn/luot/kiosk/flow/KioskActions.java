package vn.luot.kiosk.flow;

import vn.luot.core.domain.Purpose;

/** What a citizen's taps can ask of the kiosk; the view calls only these. */
public interface KioskActions {

    void walkIn();

    void chooseField(String code);

    void choosePurpose(Purpose purpose);

    void skipCitizenCard();

    void home();

    /** One step back: from the ID card to the purpose, from the purpose to the fields, elsewhere home. */
    void back();

    void toggleLanguage();

    /** "Chữ to": every text larger, on every screen, until the next citizen. */
    void toggleLargeText();

    /** "Cần hỗ trợ": staff are alerted and the citizen is told someone is coming. */
    void askForHelp();

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
        public void back() {
        }

        @Override
        public void toggleLanguage() {
        }

        @Override
        public void toggleLargeText() {
        }

        @Override
        public void askForHelp() {
        }
    };
}
