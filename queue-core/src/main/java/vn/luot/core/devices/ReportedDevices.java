package vn.luot.core.devices;

import java.util.Optional;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceRegistry;

/**
 * The centre's view of every device: those with tokens here, and those its hubs reported as enrolled at them. A
 * reported device never authenticates here (its token lives at its hub), but its role and walk-in block judge the
 * events its hub relays, and an operator's pending revocation refuses them until the hub applies it.
 */
public final class ReportedDevices implements DeviceRegistry {

    private final EnrolledDevices own;
    private final DeviceRosters reported;

    public ReportedDevices(EnrolledDevices own, DeviceRosters reported) {
        this.own = own;
        this.reported = reported;
    }

    @Override
    public Optional<DeviceIdentity> authenticate(String authorization) {
        return own.authenticate(authorization);
    }

    @Override
    public Optional<DeviceIdentity> device(String branchId, String deviceId) {
        Optional<DeviceIdentity> mine = own.device(branchId, deviceId);
        if (mine.isPresent()) {
            return mine;
        }
        return reported.list(branchId).stream().filter(r -> r.device().equals(deviceId) && r.live()).findFirst()
                .map(r -> {
                    DeviceIdentity d = new DeviceIdentity(deviceId, branchId, DeviceIdentity.Role.valueOf(r.role()));
                    return r.walkIn() == null ? d : d.withWalkInBlock(NumberBlock.parse(r.walkIn()));
                });
    }

    @Override
    public boolean revocationPending(String branchId, String deviceId) {
        return reported.revocationPending(branchId, deviceId);
    }
}
