package vn.luot.core.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import vn.luot.core.domain.Hlc;
import vn.luot.core.domain.TicketId;
import vn.luot.core.domain.TimeSlot;

/**
 * JSON for event bodies (the log's payload column) and whole events (the sync wire). Compact by
 * design: a ticket id is one string ({@code 2026-11-23/HT/12}), a slot is {@code 08:00-08:30}.
 * Instances are immutable and safe for concurrent use.
 */
public final class EventCodec {

    private final ObjectMapper mapper;

    public EventCodec() {
        SimpleModule values = new SimpleModule("luot-values");
        values.addSerializer(TicketId.class, new ToStringSerializer<>(TicketId::key));
        values.addDeserializer(TicketId.class, new FromStringDeserializer<>(TicketId::parseKey));
        values.addSerializer(TimeSlot.class, new ToStringSerializer<>(TimeSlot::toString));
        values.addDeserializer(TimeSlot.class, new FromStringDeserializer<>(TimeSlot::parse));
        this.mapper = new ObjectMapper()
                .registerModule(values)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, true)
                // A counter is 5, never "5", 5.7 or 5e0: a body field is taken as sent, or refused.
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
                .configure(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public String encodeBody(QueueEvent body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + body.type(), e);
        }
    }

    /** @throws MalformedEventException when the payload does not fit the type */
    public QueueEvent decodeBody(EventType type, String json) {
        try {
            return mapper.readValue(json, type.bodyType());
        } catch (IOException | RuntimeException e) {
            throw new MalformedEventException("bad " + type + " payload: " + rootMessage(e), e);
        }
    }

    public ObjectNode toJson(Event event) {
        ObjectNode node = mapper.createObjectNode();
        node.put("device", event.deviceId());
        node.put("seq", event.seq());
        node.put("hlc", event.hlc().wallMillis());
        node.put("hlcCounter", event.hlc().counter());
        node.put("time", event.deviceTime().toString());
        node.put("type", event.type().name());
        node.set("body", mapper.valueToTree(event.body()));
        return node;
    }

    /** @throws MalformedEventException naming what is wrong, for any input that is not a valid event */
    public Event fromJson(JsonNode node) {
        try {
            EventType type = EventType.valueOf(required(node, "type").asText());
            QueueEvent body = mapper.treeToValue(required(node, "body"), type.bodyType());
            if (body == null) {
                throw new MalformedEventException("event has an empty body");
            }
            for (java.lang.reflect.RecordComponent c : body.getClass().getRecordComponents()) {
                if (c.getAccessor().invoke(body) == null) {
                    throw new MalformedEventException(type + " body lacks '" + c.getName() + "'");
                }
            }
            return new Event(
                    text(node, "device"),
                    whole(node, "seq", Long.MAX_VALUE),
                    new Hlc(whole(node, "hlc", Long.MAX_VALUE), (int) whole(node, "hlcCounter", Integer.MAX_VALUE)),
                    Instant.parse(text(node, "time")),
                    body);
        } catch (MalformedEventException e) {
            throw e;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("an event body's accessor failed", e);
        } catch (IOException | IllegalArgumentException | DateTimeParseException | NullPointerException e) {
            throw new MalformedEventException("not a valid event: " + rootMessage(e), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isTextual()) {
            throw new MalformedEventException("'" + field + "' must be a string");
        }
        return value.asText();
    }

    /**
     * A JSON integer in {@code 0..max}: never a string ({@code "abc"} is not 0), a fraction or an exponent
     * ({@code 1e300} is not {@code Long.MAX_VALUE}).
     */
    private static long whole(JsonNode node, String field, long max) {
        JsonNode value = required(node, field);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0 || value.asLong() > max) {
            throw new MalformedEventException("'" + field + "' must be a whole number 0.." + max + ", not " + value);
        }
        return value.asLong();
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedEventException("event lacks '" + field + "'");
        }
        return value;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage()).lines().findFirst().orElse("");
    }

    /** An event that cannot be decoded: rejected, never half-applied. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }

        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final class ToStringSerializer<T> extends JsonSerializer<T> {
        private final java.util.function.Function<T, String> format;

        ToStringSerializer(java.util.function.Function<T, String> format) {
            this.format = format;
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(format.apply(value));
        }
    }

    private static final class FromStringDeserializer<T> extends JsonDeserializer<T> {
        private final java.util.function.Function<String, T> parse;

        FromStringDeserializer(java.util.function.Function<String, T> parse) {
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null) {
                throw ctxt.weirdStringException(p.getText(), handledType(), "expected a string");
            }
            try {
                return parse.apply(text);
            } catch (RuntimeException e) {
                throw ctxt.weirdStringException(text, handledType(), e.getMessage());
            }
        }
    }
}
