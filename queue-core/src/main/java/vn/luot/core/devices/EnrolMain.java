package vn.luot.core.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.luot.core.sync.UpstreamHttp;

/**
 * {@code luot enrol --upstream URL --code CODE --token-file FILE [--pin sha256/…]}: exchanges a one-time code from
 * the supervisor (hub) or the operator (centre) for this device's token, written to FILE (0600) for the config's
 * {@code upstream.token_file}. {@code luot enrol --rotate --upstream URL --token-file FILE} replaces the token in
 * FILE by a new one; the old one keeps working for {@link EnrolledDevices#ROTATION_GRACE}. The token is never printed.
 */
@Command(name = "luot enrol", sortOptions = false,
        description = "Exchanges a one-time enrolment code for this device's token (written 0600, never printed),"
                + " or rotates the token in FILE.")
public final class EnrolMain implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    @Option(names = "--upstream", required = true, paramLabel = "URL", description = "the hub or the centre")
    String upstream;

    @Option(names = "--code", paramLabel = "CODE", description = "the one-time code from the supervisor or operator")
    String code;

    @Option(names = "--rotate", description = "replace the token in FILE by a new one")
    boolean rotate;

    @Option(names = "--token-file", required = true, paramLabel = "FILE", description = "where the token is kept")
    Path tokenFile;

    @Option(names = "--pin", paramLabel = "sha256/...", description = "pin the upstream's TLS key (repeatable)")
    List<String> pins = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new EnrolMain()).execute(args));
    }

    @Override
    public Integer call() {
        if (!rotate && code == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "either --code CODE or --rotate is needed");
        }
        try {
            OkHttpClient http = UpstreamHttp.client(upstream, pins);
            ObjectMapper json = new ObjectMapper();
            Request.Builder request = new Request.Builder().url(upstream.replaceAll("/+$", "")
                    + (rotate ? EnrolmentHttpHandler.ROTATE : EnrolmentHttpHandler.ENROL));
            if (rotate) {
                String current = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
                request.header("Authorization", "Bearer " + current)
                        .post(RequestBody.create("{}", MediaType.get("application/json")));
            } else {
                request.post(RequestBody.create(json.writeValueAsString(Map.of("code", code)),
                        MediaType.get("application/json")));
            }
            try (Response response = http.newCall(request.build()).execute()) {
                JsonNode answer = json.readTree(response.body().string());
                if (response.code() != 200) {
                    fail(1, answer.path("message_vi").asText() + " / " + answer.path("message_en").asText()
                            + " (" + answer.path("error").asText() + ")");
                }
                write(tokenFile, answer.get("token").asText());
                System.out.println(rotate ? "Đã đổi mã truy cập; mã cũ còn dùng được đến " + answer.path("old_valid_until")
                        .asText() + ". / Token rotated." : "Đã đăng ký " + answer.path("device").asText() + " ("
                        + answer.path("role").asText() + ", " + answer.path("branch").asText() + ")"
                        + (answer.has("walk_in_numbers") ? ", số bốc trực tiếp " + answer.get("walk_in_numbers").asText()
                        : "") + "; mã truy cập ghi vào " + tokenFile + ". / Enrolled.");
            }
        } catch (IOException e) {
            fail(1, "cannot reach " + upstream + ": " + e.getMessage());
        }
        return 0;
    }

    /** Writes the token readable by its owner only, replacing the file in one step. */
    static void write(Path file, String token) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), ".token", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, token + "\n", StandardCharsets.UTF_8);
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void fail(int status, String message) {
        System.err.println("luot enrol: " + message);
        System.exit(status);
    }
}
