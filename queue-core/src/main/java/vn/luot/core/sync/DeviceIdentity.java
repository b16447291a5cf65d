package vn.luot.core.sync;

import java.util.Objects;

/**
 * Who is calling a sync endpoint, as established by its bearer token. A {@link Role#HUB} relays the
 * events of the devices below it; every other device may push only its own.
 */
public record DeviceIdentity(String deviceId, String branchId, Role role) {

    public enum Role {
        KIOSK,
        DISPLAY,
        HUB
    }

    public DeviceIdentity {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(branchId, "branchId");
        Objects.requireNonNull(role, "role");
    }

    public boolean mayPushFor(String eventDeviceId) {
        return role == Role.HUB ? !"central".equals(eventDeviceId) : deviceId.equals(eventDeviceId);
    }
}
