package vn.luot.server;

import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalTime;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.token.BookingToken;
import vn.luot.core.token.KeySet;
import vn.luot.core.token.TokenSigner;
import vn.luot.server.booking.BookingApi;

/** Booking QR codes signed with the server's key; each expires at the end of its booking's day. */
public final class SignedCodes implements BookingApi.BookingCodes {

    private final TokenSigner signer;
    private final KeySet published;

    /** @param previous keys still honoured (rotation); their ids must differ from {@code keyId} */
    public SignedCodes(int keyId, KeyPair current, KeySet previous) {
        this.signer = new TokenSigner(keyId, current.getPrivate());
        this.published = previous.with(keyId, current.getPublic());
    }

    @Override
    public String qrFor(Booking booking) {
        Instant expires = booking.date().atTime(LocalTime.MAX).atZone(BranchTime.ZONE).toInstant();
        return signer.sign(BookingToken.of(booking, signer.keyId(), expires));
    }

    @Override
    public String keysJson() {
        return published.toJson();
    }

    public KeySet keys() {
        return published;
    }
}
