package vn.luot.core.domain;

import java.util.Set;

/** A desk (quầy) with one official, serving one or more fields. Open or paused lives in the queue state. */
public record Counter(int number, Set<String> fieldCodes) {

    public Counter {
        if (number < 1) {
            throw new IllegalArgumentException("counter numbers start at 1: " + number);
        }
        fieldCodes = Set.copyOf(fieldCodes);
        if (fieldCodes.isEmpty()) {
            throw new IllegalArgumentException("counter " + number + " serves no field");
        }
    }

    public boolean serves(String fieldCode) {
        return fieldCodes.contains(fieldCode);
    }
}
