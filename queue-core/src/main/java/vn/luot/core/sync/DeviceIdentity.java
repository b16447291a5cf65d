package vn.luot.core.sync;

import java.util.Objects;
import vn.luot.core.event.EventType;
import vn.luot.core.store.NumberBlock;

/**
 * Who is calling a sync endpoint, as established by its bearer token. A {@link Role#HUB} relays the
 * events of the devices below it; every other device may push only its own. What each role may say is
 * declared per event type ({@link EventType#senders()}) and enforced by {@link EventAdmission}.
 *
 * @param walkInBlock the walk-in numbers a kiosk may issue, when the receiving side knows them; null when not
 */
public record DeviceIdentity(String deviceId, String branchId, Role role, NumberBlock walkInBlock) {

    public enum Role {
        KIOSK(EventType.Sender.KIOSK),
        DISPLAY(EventType.Sender.DISPLAY),
        HUB(EventType.Sender.HUB);

        private final EventType.Sender sender;

        Role(EventType.Sender sender) {
            this.sender = sender;
        }

        /** The kind of sender this role's own events are judged as. */
        public EventType.Sender sender() {
            return sender;
        }
    }

    public DeviceIdentity {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(branchId, "branchId");
        Objects.requireNonNull(role, "role");
    }

    public DeviceIdentity(String deviceId, String branchId, Role role) {
        this(deviceId, branchId, role, null);
    }

    public DeviceIdentity withWalkInBlock(NumberBlock block) {
        return new DeviceIdentity(deviceId, branchId, role, block);
    }

    public boolean mayPushFor(String eventDeviceId) {
        return role == Role.HUB ? !"central".equals(eventDeviceId) : deviceId.equals(eventDeviceId);
    }
}
