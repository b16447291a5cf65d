package vn.luot.display.buttons;

import java.util.Optional;
import vn.luot.core.domain.Rating;

/** What a button means: the three counter operations, or one key of the satisfaction keypad. */
public enum ButtonAction {
    NEXT, RECALL, NO_SHOW,
    VERY_SATISFIED, SATISFIED, NEUTRAL, DISSATISFIED;

    /** The rating of a keypad key (Rất hài lòng … Không hài lòng); empty for counter operations. */
    public Optional<Rating> rating() {
        return Optional.ofNullable(switch (this) {
            case VERY_SATISFIED -> Rating.VERY_SATISFIED;
            case SATISFIED -> Rating.SATISFIED;
            case NEUTRAL -> Rating.NEUTRAL;
            case DISSATISFIED -> Rating.DISSATISFIED;
            default -> null;
        });
    }
}
