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
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import vn.luot.core.sync.UpstreamHttp;

/**
 * {@code luot enrol --upstream URL --code CODE --token-file FILE [--pin sha256/…]}: exchanges a one-time code from
 * the supervisor (hub) or the operator (centre) for this device's token, written to FILE (0600) for the config's
 * {@code upstream.token_file}. {@code luot enrol --rotate --upstream URL --token-file FILE} replaces the token in
 * FILE by a new one; the old one keeps working for {@link EnrolledDevices#ROTATION_GRACE}. The token is never printed.
 */
public final class EnrolMain {

    private EnrolMain() {
    }

    public static void main(String[] args) {
        String upstream = null;
        String code = null;
        Path tokenFile = null;
        boolean rotate = false;
        List<String> pins = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--upstream" -> upstream = value(args, ++i);
                case "--code" -> code = value(args, ++i);
                case "--token-file" -> tokenFile = Path.of(value(args, ++i));
                case "--pin" -> pins.add(value(args, ++i));
                case "--rotate" -> rotate = true;
                default -> fail(2, "unknown option " + args[i]);
            }
        }
        if (upstream == null || tokenFile == null || (!rotate && code == null)) {
            fail(2, "usage: luot enrol --upstream URL (--code CODE | --rotate) --token-file FILE [--pin sha256/...]");
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
    }

    /** Writes the token readable by its owner only, replacing the file in one step. */
    static void write(Path file, String token) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), ".token", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, token + "\n", StandardCharsets.UTF_8);
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            fail(2, args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void fail(int status, String message) {
        System.err.println("luot enrol: " + message);
        System.exit(status);
    }
}
