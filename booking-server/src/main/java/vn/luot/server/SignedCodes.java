package vn.luot.server;

import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalTime;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.token.BookingToken;
import vn.luot.core.token.KeySet;
import vn.luot.core.token.SigningKeys;
import vn.luot.core.token.TokenSigner;
import vn.luot.server.booking.BookingApi;

/**
 * Booking QR codes signed with the server's key; each expires at the end of its booking's day. The key set is
 * published signed by a root key whose public half the devices pin ({@code upstream.key_set_root}).
 */
public final class SignedCodes implements BookingApi.BookingCodes {

    private final TokenSigner signer;
    private final KeySet published;
    private final KeyPair root;
    private final String signedJson;

    /** With a root key of its own, made now: for setups whose devices pin no root (tests). */
    public SignedCodes(int keyId, KeyPair current, KeySet previous) {
        this(keyId, current, previous, SigningKeys.generate());
    }

    /**
     * @param previous keys still honoured (rotation); their ids must differ from {@code keyId}
     * @param root     signs the published key set; its public half is pinned in every device's config
     */
    public SignedCodes(int keyId, KeyPair current, KeySet previous, KeyPair root) {
        this.signer = new TokenSigner(keyId, current.getPrivate());
        this.published = previous.with(keyId, current.getPublic());
        this.root = root;
        this.signedJson = published.toSignedJson(root.getPrivate());
    }

    /** The root key's pin, for the devices' {@code upstream.key_set_root}. */
    public String rootPin() {
        return KeySet.pinOf(root.getPublic());
    }

    @Override
    public String qrFor(Booking booking) {
        Instant expires = booking.date().atTime(LocalTime.MAX).atZone(BranchTime.ZONE).toInstant();
        return signer.sign(BookingToken.of(booking, signer.keyId(), expires));
    }

    @Override
    public String keysJson() {
        return signedJson;
    }

    public KeySet keys() {
        return published;
    }
}
