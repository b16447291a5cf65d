package vn.luot.server.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.regex.Pattern;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.privacy.CitizenHasher;
import vn.luot.core.token.SigningKeys;

/**
 * A stand-in for the city's identity provider (VNeID): it "verifies" whatever ID number, name and birth date it
 * is told and signs a credential whose subject is a keyed hash of the ID number. It exists so the demo, the
 * bench and the tests can book as citizens do; a real deployment trusts the provider's public key instead
 * and never runs this. Safe for concurrent use.
 */
public final class DemoIdentityProvider {

    public static final String ISSUER = "demo-idp";
    private static final Pattern CITIZEN_ID = Pattern.compile("\\d{12}");

    private final KeyPair key;
    private final CitizenHasher subjects;
    private final Clock clock;
    private final Duration lifetime;

    public DemoIdentityProvider(KeyPair key, CitizenHasher subjects, Clock clock, Duration lifetime) {
        this.key = key;
        this.subjects = subjects;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /**
     * The demo provider of the server whose bookings are in {@code database}: its signing key and its subject
     * hash key live beside it ({@code NAME.demo-idp-key}, {@code NAME.demo-idp-citizen-key}, both 0600), so its
     * credentials outlive a restart. Credentials last a day.
     */
    public static DemoIdentityProvider beside(Path database, Clock clock) {
        Path absolute = database.toAbsolutePath();
        try {
            KeyPair key = SigningKeys.loadOrCreate(absolute.resolveSibling(absolute.getFileName() + ".demo-idp-key"));
            return new DemoIdentityProvider(key, CitizenHasher.openOrCreate(
                    absolute.resolveSibling(absolute.getFileName() + ".demo-idp-citizen-key")), clock, Duration.ofDays(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    public PublicKey publicKey() {
        return key.getPublic();
    }

    /**
     * A signed credential for the citizen, or null when the ID number is not 12 digits, the name is blank or
     * the birth date is in the future. The name is only checked for presence: the credential carries none.
     */
    public String issue(String citizenId, String fullName, LocalDate birthDate) {
        if (citizenId == null || !CITIZEN_ID.matcher(citizenId.strip()).matches() || fullName == null
                || fullName.isBlank() || birthDate == null || birthDate.isAfter(BranchTime.now(clock).toLocalDate())) {
            return null;
        }
        return CredentialFormat.sign(new CitizenCredential(ISSUER, subjects.hash(citizenId), birthDate,
                clock.instant().plus(lifetime)), key.getPrivate());
    }
}
