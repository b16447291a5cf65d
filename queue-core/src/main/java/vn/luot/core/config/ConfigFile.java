package vn.luot.core.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a device or server config file (TOML, snake_case keys) into a record, strictly: an unknown or
 * misspelled key, a wrong type or a missing file is a {@link ConfigException} naming the file, the
 * line and the key, so a device never starts half-configured.
 */
public final class ConfigFile {

    private ConfigFile() {
    }

    public static <T> T load(Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file, 0, null, "cannot read the config file: " + e.getMessage());
        }
        return parse(file, text, type);
    }

    public static <T> T parse(Path file, String text, Class<T> type) {
        TomlMapper mapper = TomlMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        try {
            T value = mapper.readValue(text, type);
            if (value == null) {
                throw new ConfigException(file, 0, null, "the config file is empty");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String key = e.getPropertyName();
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(file, lineOf(text, key), path(e),
                    "unknown key '" + key + "'" + (known.isEmpty() ? "" : " (known keys here: " + known + ")"));
        } catch (JsonMappingException e) {
            String path = path(e);
            String last = path == null ? null : path.substring(path.lastIndexOf('.') + 1).replaceAll("\\[\\d+]", "");
            throw new ConfigException(file, lineOf(text, last), path, firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(file, 0, null, "not valid TOML: " + firstLine(e.getMessage()));
        }
    }

    private static String path(JsonMappingException e) {
        List<JsonMappingException.Reference> refs = e.getPath();
        if (refs.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The 1-based line where {@code key} is assigned, 0 if not found (the parser gives no line). */
    public static int lineOf(String text, String key) {
        if (key == null || key.isEmpty()) {
            return 0;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith(key + " ") || line.startsWith(key + "=") || line.equals("[" + key + "]")
                    || line.equals("[[" + key + "]]")) {
                return i + 1;
            }
        }
        return 0;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
