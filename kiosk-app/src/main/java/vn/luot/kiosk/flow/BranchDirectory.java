package vn.luot.kiosk.flow;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.luot.core.domain.Branch;
import vn.luot.core.sync.UpstreamBranches;

/**
 * The city's branches as a citizen knows them: name and address by id, so a booking scanned at the wrong
 * branch is answered with where to go. An id it does not know is answered with the id itself.
 */
public final class BranchDirectory {

    public static final BranchDirectory EMPTY = new BranchDirectory(Map.of());

    /** What the kiosk says of a branch; {@code address} is empty when unknown. */
    public record Entry(String id, String name, String address) {
    }

    private final Map<String, Entry> byId;

    private BranchDirectory(Map<String, Entry> byId) {
        this.byId = Map.copyOf(byId);
    }

    public static BranchDirectory of(List<Branch> branches) {
        return new BranchDirectory(branches.stream().map(b -> new Entry(b.id(), b.name(), b.address()))
                .collect(Collectors.toMap(Entry::id, Function.identity(), (a, b) -> a)));
    }

    /**
     * This kiosk's own branch as its branch file says, then the city's branches as the upstream lists them (the
     * branch file wins for its own branch).
     */
    public static BranchDirectory of(Branch own, List<UpstreamBranches.Listed> city) {
        Map<String, Entry> byId = new java.util.LinkedHashMap<>();
        byId.put(own.id(), new Entry(own.id(), own.name(), own.address()));
        for (UpstreamBranches.Listed b : city) {
            byId.putIfAbsent(b.id(), new Entry(b.id(), b.name(), b.address()));
        }
        return new BranchDirectory(byId);
    }

    public Entry find(String id) {
        Entry known = byId.get(id);
        return known != null ? known : new Entry(id, id, "");
    }
}
