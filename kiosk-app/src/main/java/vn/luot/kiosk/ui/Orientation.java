package vn.luot.kiosk.ui;

/** The kiosk's screen: a 1080×1920 portrait touch screen, or a 1920×1080 landscape one. */
public enum Orientation {
    PORTRAIT(1080, 1920),
    LANDSCAPE(1920, 1080);

    private final int width;
    private final int height;

    Orientation(int width, int height) {
        this.width = width;
        this.height = height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }
}
