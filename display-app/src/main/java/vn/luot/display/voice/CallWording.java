package vn.luot.display.voice;

import java.util.LinkedHashMap;
import java.util.Map;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.ServiceField;

/**
 * The branch's policy for the words of a call ({@code voice.say_field}): with the field's name (the default,
 * since every field numbers from 1), or the number alone for a branch whose numbers are unique across it.
 *
 * @param fieldNames the Vietnamese name of each field code, as the kiosk and the ticket show it
 */
public record CallWording(boolean sayField, Map<String, String> fieldNames) {

    public CallWording {
        fieldNames = Map.copyOf(fieldNames);
    }

    /** Says the field, spelling its code: where the branch's field names are not known. */
    public static CallWording spellingCodes() {
        return new CallWording(true, Map.of());
    }

    /** The wording of {@code branch}'s calls; {@code sayField} false only where numbers are unique across it. */
    public static CallWording of(Branch branch, boolean sayField) {
        Map<String, String> names = new LinkedHashMap<>();
        for (ServiceField f : branch.fields()) {
            names.put(f.code(), f.nameVi());
        }
        return new CallWording(sayField, names);
    }

    public CallSentence sentence(String label, int counter) {
        return sayField ? CallSentence.withFieldName(label, counter, fieldNames) : CallSentence.numberOnly(label, counter);
    }
}
