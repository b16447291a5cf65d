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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
            throw new ConfigException(file, lineOf(text, path(e)), path(e),
                    "unknown key '" + key + "'" + (known.isEmpty() ? "" : " (known keys here: " + known + ")"));
        } catch (JsonMappingException e) {
            String path = path(e);
            throw new ConfigException(file, lineOf(text, path), path, firstLine(e.getOriginalMessage()));
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

    /**
     * The 1-based line where the key at {@code path} is assigned, 0 if it is not found (the TOML parser gives no
     * line). {@code path} is a bare key ({@code device_id}) or a dotted one ({@code hub.port},
     * {@code boards.board[2].address}); a dotted key is looked for in its own table first, so {@code boards.port}
     * is not reported at the line of {@code [hub]}'s {@code port}. Then inside the inline tables of its parent,
     * then anywhere, also inside an inline table ({@code { code = "HT", service_minutes = 0 }}).
     */
    public static int lineOf(String text, String path) {
        if (text == null || path == null || path.isEmpty()) {
            return 0;
        }
        List<String> segments = List.of(path.split("\\."));
        String key = name(segments.get(segments.size() - 1));
        String[] lines = text.split("\n", -1);
        int inTable = lineInTable(lines, segments);
        if (inTable > 0) {
            return inTable;
        }
        if (segments.size() > 1) {
            List<String> parent = segments.subList(0, segments.size() - 1);
            int parentLine = lineOf(text, String.join(".", parent));
            if (parentLine > 0) {
                int inline = lineInInlineTable(lines, parentLine, index(parent.get(parent.size() - 1)), key);
                if (inline > 0) {
                    return inline;
                }
            }
        }
        for (int i = 0; i < lines.length; i++) {
            if (assigns(lines[i].strip(), key) || isHeader(lines[i], key)) {
                return i + 1;
            }
        }
        Pattern inInlineTable = Pattern.compile("[{,\\s]" + Pattern.quote(key) + "\\s*=");
        for (int i = 0; i < lines.length; i++) {
            if (inInlineTable.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The line of {@code key = } directly in the table the rest of the path names, or of the table's header. */
    private static int lineInTable(String[] lines, List<String> segments) {
        List<String> parent = names(segments.subList(0, segments.size() - 1));
        String key = name(segments.get(segments.size() - 1));
        int wantedIndex = index(segments.get(segments.size() - 1));
        int parentIndex = segments.size() > 1 ? index(segments.get(segments.size() - 2)) : -1;
        List<String> table = List.of();
        int occurrence = -1;
        Map<String, Integer> arrayTables = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            String line = withoutComment(lines[i]).strip();
            if (TABLE_HEADER.matcher(line).lookingAt()) {
                boolean array = line.startsWith("[[");
                String name = line.replaceAll("^\\[+|]+$", "").strip();
                table = List.of(name.split("\\."));
                occurrence = array ? arrayTables.merge(name, 1, Integer::sum) - 1 : -1;
                if (table.equals(names(segments)) && (wantedIndex < 0 || wantedIndex == occurrence)) {
                    return i + 1;
                }
            } else if (table.equals(parent) && (parentIndex < 0 || parentIndex == occurrence) && assigns(line, key)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The line of {@code key = } inside the ({@code index}+1)-th inline table from {@code fromLine} on. */
    private static int lineInInlineTable(String[] lines, int fromLine, int index, String key) {
        Pattern assigned = Pattern.compile("(^|[{,\\s])" + Pattern.quote(key) + "\\s*=");
        int tablesOpened = 0;
        int depth = 0;
        boolean inside = false;
        for (int i = fromLine - 1; i < lines.length; i++) {
            String line = withoutComment(lines[i]);
            for (int c = 0; c < line.length(); c++) {
                char ch = line.charAt(c);
                if (ch == '{') {
                    depth++;
                    if (depth == 1) {
                        tablesOpened++;
                        inside = index < 0 || tablesOpened == index + 1;
                    }
                } else if (ch == '}') {
                    depth--;
                    if (depth == 0 && inside && index >= 0) {
                        return 0;
                    }
                } else if (inside && depth >= 1 && assigned.matcher(line.substring(c)).lookingAt()) {
                    return i + 1;
                }
            }
            if (depth == 0 && i > fromLine - 1 && TABLE_HEADER.matcher(line).lookingAt()) {
                return 0;
            }
        }
        return 0;
    }

    private static boolean assigns(String strippedLine, String key) {
        return strippedLine.startsWith(key + " ") || strippedLine.startsWith(key + "=")
                || strippedLine.startsWith(key + "\t") || strippedLine.startsWith("\"" + key + "\"");
    }

    private static boolean isHeader(String line, String key) {
        String stripped = withoutComment(line).strip();
        return stripped.equals("[" + key + "]") || stripped.equals("[[" + key + "]]");
    }

    private static String withoutComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static List<String> names(List<String> segments) {
        return segments.stream().map(ConfigFile::name).toList();
    }

    private static String name(String segment) {
        int bracket = segment.indexOf('[');
        return bracket < 0 ? segment : segment.substring(0, bracket);
    }

    /** The array index a segment names ({@code board[2]} is 2), or -1. */
    private static int index(String segment) {
        Matcher m = INDEX.matcher(segment);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static final Pattern TABLE_HEADER = Pattern.compile("\\s*\\[\\[?[A-Za-z_]");

    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]$");

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
