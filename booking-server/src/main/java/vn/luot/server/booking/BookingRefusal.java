package vn.luot.server.booking;

/** Why the city's booking rules refuse a booking, with the HTTP status and both languages. */
public enum BookingRefusal {
    INVALID_REQUEST(422, "Thông tin đặt lịch không hợp lệ.", "The booking request is not valid."),
    UNKNOWN_BRANCH(422, "Không có chi nhánh này.", "There is no such branch."),
    UNKNOWN_FIELD(422, "Chi nhánh không tiếp nhận lĩnh vực này.", "This branch does not handle this field."),
    UNKNOWN_SLOT(422, "Khung giờ không có trong lịch làm việc của chi nhánh.",
            "The time slot is not one of the branch's slots."),
    DATE_OUT_OF_RANGE(422, "Chỉ đặt lịch cho hôm nay hoặc 6 ngày tiếp theo.", "Book for today or one of the next 6 days only."),
    SLOT_PASSED(422, "Khung giờ này đã qua.", "This time slot has already passed."),
    DAILY_LIMIT(409, "Mỗi người chỉ được đặt tối đa 2 lịch hẹn mỗi ngày.", "At most 2 bookings per person per day."),
    FIELD_PURPOSE_LIMIT(409, "Mỗi người chỉ được đặt 1 lịch hẹn cho mỗi lĩnh vực và mục đích trong ngày.",
            "At most 1 booking per field and purpose per day."),
    SLOT_LIMIT(409, "Mỗi người chỉ được đặt 1 lịch hẹn trong mỗi khung giờ.", "At most 1 booking per time slot."),
    SLOT_FULL(409, "Khung giờ này đã hết chỗ, vui lòng chọn khung giờ khác.", "This time slot is full; choose another."),
    IDEMPOTENCY_KEY_REUSED(409, "Mã Idempotency-Key này đã được dùng cho một yêu cầu đặt lịch khác; yêu cầu mới cần mã mới.",
            "This Idempotency-Key was used for a different booking request; a new request needs a new key.");

    private final int status;
    private final String messageVi;
    private final String messageEn;

    BookingRefusal(int status, String messageVi, String messageEn) {
        this.status = status;
        this.messageVi = messageVi;
        this.messageEn = messageEn;
    }

    public int status() {
        return status;
    }

    public String messageVi() {
        return messageVi;
    }

    public String messageEn() {
        return messageEn;
    }
}
