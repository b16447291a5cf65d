package vn.luot.deploy.doctor;

/** The outcome of one check: a level, what was checked, what was found and what to do about it. */
public record Finding(Level level, String check, String detail, String fix) {

    public enum Level { OK, WARN, FAIL }

    public static Finding ok(String check, String detail) {
        return new Finding(Level.OK, check, detail, "");
    }

    public static Finding warn(String check, String detail, String fix) {
        return new Finding(Level.WARN, check, detail, fix);
    }

    public static Finding fail(String check, String detail, String fix) {
        return new Finding(Level.FAIL, check, detail, fix);
    }

    /** {@code FAIL printer    usb:/dev/luot-printer: PAPER_OUT -> load a paper roll}, one line. */
    public String line() {
        String text = String.format("%-4s %-9s %s", level, check, detail.replace('\n', ' '));
        return fix == null || fix.isBlank() ? text : text + " -> " + fix;
    }
}
