package vn.luot.server.identity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What a verified citizen credential says: who (a pseudonymous subject the identity provider derives from
 * the ID number; never the number itself) and the birth date the provider verified, which alone decides
 * priority (75+).
 */
public record CitizenCredential(String issuer, String subject, LocalDate birthDate, Instant expires) {

    public CitizenCredential {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(expires, "expires");
    }

    /** Issuer and subject together: two providers' subjects never collide. */
    public String citizenKey() {
        return issuer + ":" + subject;
    }

    @Override
    public String toString() {
        return "CitizenCredential[issuer=" + issuer + ", subject=" + subject.substring(0, Math.min(6, subject.length()))
                + "…]";
    }
}
