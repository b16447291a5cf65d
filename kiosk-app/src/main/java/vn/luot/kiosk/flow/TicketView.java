package vn.luot.kiosk.flow;

import java.util.List;
import vn.luot.core.domain.Purpose;

/** A ticket as the kiosk shows and prints it: a number and where to go, never a name. */
public record TicketView(String label, String ticketKey, String fieldCode, String fieldNameVi, String fieldNameEn,
                         Purpose purpose, boolean priority, List<Integer> counters, int ahead, int waitMinutes,
                         String qrText) {

    public TicketView {
        counters = List.copyOf(counters);
    }
}
