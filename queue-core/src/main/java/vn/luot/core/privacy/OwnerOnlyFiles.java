package vn.luot.core.privacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Secrets on disk (signing keys, the citizen hash key): readable and writable by their owner only. */
public final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private OwnerOnlyFiles() {
    }

    /**
     * Writes {@code bytes} with permissions 0600. The file is created with them (never briefly readable by
     * others) under a temporary name and moved into place, so a crash leaves either the old content or the new.
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Reads a secret file.
     *
     * @param what names the secret in the message ("signing key", "citizen hash key")
     * @throws IOException naming the file when group or others may read or write it; the message says how to fix it
     */
    public static byte[] read(Path file, String what) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new IOException("Refusing the " + what + " " + file + ": it is readable by others ("
                    + PosixFilePermissions.toString(perms) + "). Run: chmod 600 " + file
                    + " — and replace the key if others may have copied it.");
        }
        return Files.readAllBytes(file);
    }
}
