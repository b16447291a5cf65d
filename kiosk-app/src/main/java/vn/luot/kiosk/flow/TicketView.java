package vn.luot.kiosk.flow;

import java.util.List;
import vn.luot.core.domain.Purpose;
import vn.luot.core.wait.WaitEstimate;

/** A ticket as the kiosk shows and prints it: a number, where to go and the wait, never a name. */
public record TicketView(String label, String ticketKey, String fieldCode, String fieldNameVi, String fieldNameEn,
                         Purpose purpose, boolean priority, List<Integer> counters, int ahead, WaitEstimate estimate,
                         String qrText) {

    public TicketView {
        counters = List.copyOf(counters);
    }
}
