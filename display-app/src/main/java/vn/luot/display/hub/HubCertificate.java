package vn.luot.display.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HeldCertificate;
import vn.luot.core.sync.UpstreamHttp;

/**
 * The hub's own TLS identity: a self-signed certificate made on the first start with TLS on, kept in the state
 * folder as a PKCS12 key store ({@code hub-tls.p12}, with its random password in {@code hub-tls.password}, both
 * 0600), and its public key's pin ({@code sha256/...}) in {@code hub-tls.pin} for the branch's kiosk configs
 * ({@code upstream.pins}). Kiosks trust it by that pin alone, so neither the hub's LAN address nor its clock at
 * first start matters; the key stays the same across restarts and upgrades until the file is deleted.
 */
public final class HubCertificate {

    static final String STORE = "hub-tls.p12";
    static final String PASSWORD = "hub-tls.password";
    static final String PIN = "hub-tls.pin";
    private static final String ALIAS = "hub";

    /** Where the key store is, how to open it, and the pin kiosks configure. */
    public record Identity(Path keyStore, String password, String pin) {
        @Override
        public String toString() {
            return "Identity[keyStore=" + keyStore + ", password=***, pin=" + pin + "]";
        }
    }

    private HubCertificate() {
    }

    /** The hub's identity in {@code folder}, made now if it does not exist yet. */
    public static Identity ensure(Path folder, String hubName) throws IOException {
        Path store = folder.resolve(STORE);
        Path passwordFile = folder.resolve(PASSWORD);
        if (!Files.exists(store) || !Files.exists(passwordFile)) {
            make(folder, hubName);
        }
        String password = Files.readString(passwordFile, StandardCharsets.US_ASCII).strip();
        String pin = pin(store, password);
        Files.writeString(folder.resolve(PIN), pin + "\n", StandardCharsets.US_ASCII);
        return new Identity(store, password, pin);
    }

    private static void make(Path folder, String hubName) throws IOException {
        Files.createDirectories(folder);
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        HeldCertificate held = new HeldCertificate.Builder().commonName(hubName).addSubjectAlternativeName("localhost")
                .duration(20L * 365, TimeUnit.DAYS).build();
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, held.keyPair().getPrivate(), password.toCharArray(),
                    new Certificate[] {held.certificate()});
            Path storeTmp = ownerOnly(folder.resolve(STORE + ".tmp"));
            try (OutputStream out = Files.newOutputStream(storeTmp)) {
                ks.store(out, password.toCharArray());
            }
            Path passwordTmp = ownerOnly(folder.resolve(PASSWORD + ".tmp"));
            Files.writeString(passwordTmp, password + "\n", StandardCharsets.US_ASCII);
            Files.move(passwordTmp, folder.resolve(PASSWORD), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.move(storeTmp, folder.resolve(STORE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make the hub's TLS key store: " + e.getMessage(), e);
        }
    }

    private static Path ownerOnly(Path file) throws IOException {
        Files.deleteIfExists(file);
        try {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createFile(file);
        }
    }

    private static String pin(Path store, String password) throws IOException {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.toCharArray());
            Certificate cert = ks.getCertificate(ALIAS);
            if (cert == null) {
                throw new IOException(store + " holds no certificate named '" + ALIAS + "'");
            }
            return UpstreamHttp.pin(cert);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the hub's TLS key store " + store + ": " + e.getMessage(), e);
        }
    }
}
