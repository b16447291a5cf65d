package vn.luot.core.store;

/**
 * The walk-in numbers one issuing device may hand out per (day, field), inclusive. Blocks of the
 * devices of a branch must not overlap each other or the booked numbers (which the central server
 * gives from 1 up), so no two devices can ever issue the same number, even offline.
 */
public record NumberBlock(int first, int last) {

    public static final NumberBlock DEFAULT = new NumberBlock(500, 999);

    public NumberBlock {
        if (first < 1 || last > 9999 || last < first) {
            throw new IllegalArgumentException("a number block is 1 <= first <= last <= 9999: " + first + ".." + last);
        }
    }

    /** Parses {@code FIRST-LAST}, as device configs write a block ({@code 500-699}). */
    public static NumberBlock parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("-");
        try {
            if (parts.length != 2) {
                throw new IllegalArgumentException("want FIRST-LAST");
            }
            return new NumberBlock(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not FIRST-LAST within 1-9999", e);
        }
    }

    public boolean overlaps(NumberBlock other) {
        return first <= other.last && other.first <= last;
    }

    public int size() {
        return last - first + 1;
    }
}
