package hub.web;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.type.ReferenceType;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import hub.StorableText;
import hub.api.OptionalBody;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Reads an API request body into its request record and validates it (Jakarta Bean Validation): the
 * one place where a body the client got wrong becomes a 400 with a machine-readable code —
 * {@code invalid_json} (not a JSON object), {@code unknown_field} (a field the endpoint does not take),
 * {@code missing_field}, {@code invalid_field} (wrong type, length, range or format). Field names are
 * snake_case; strings are trimmed; no type is coerced into another ({@code "5"} is not a number).
 * In PATCH records an {@link Optional} field tells "left out" (null) from "sent as null" (empty).
 */
@Component
public class RequestBodies {

    private static final ObjectMapper ENUM_NAMES = new ObjectMapper();

    private final ObjectReader reader;
    private final Validator validator;

    public RequestBodies(ObjectMapper mapper, Validator validator) {
        this.validator = validator;
        ObjectMapper strict = mapper.copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .registerModule(new SimpleModule().addDeserializer(String.class, new TrimmedString())
                        .setDeserializerModifier(new LeftOutOptionalIsNull()));
        strict.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            strict.coercionConfigFor(type).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        strict.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        strict.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        strict.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        strict.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert);
        this.reader = strict.reader();
    }

    /**
     * The body, which must be a JSON object of {@code type}'s fields; a type marked {@link OptionalBody} may be
     * left out (no body, or only whitespace, reads as {@code {}}).
     */
    public <T> T read(Exchange exchange, Class<T> type) {
        return read(bytes(exchange), type);
    }

    /** The same for a body read outside a route (the console's own endpoints). */
    public <T> T read(byte[] bytes, Class<T> type) {
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            if (!type.isAnnotationPresent(OptionalBody.class)) {
                throw ApiError.badRequest("invalid_json", "The request needs a JSON object body");
            }
            bytes = new byte[] {'{', '}'};
        }
        refuseUnstorable(bytes);
        T request = parse(bytes, type);
        if (request == null) {
            throw ApiError.badRequest("invalid_json", "The request body must be a JSON object");
        }
        return validated(request);
    }

    /**
     * Every string and field name at any depth, free-form maps included, is text PostgreSQL can store; every number
     * with a fraction or exponent fits a double (a larger one would read as Infinity, which JSON has no number for).
     */
    private void refuseUnstorable(byte[] bytes) {
        try (JsonParser parser = reader.createParser(bytes)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) {
                    requireStorable(path(parser.getParsingContext()), parser.getText());
                } else if (token == JsonToken.VALUE_NUMBER_FLOAT && Double.isInfinite(parser.getDoubleValue())) {
                    throw invalid(path(parser.getParsingContext()), "is a number too large");
                }
            }
        } catch (IOException notJson) {
            // parse() answers for it
        }
    }

    /** Text PostgreSQL can store ({@link StorableText#storable}), or 400 {@code invalid_field} naming {@code field}. */
    public static void requireStorable(String field, String text) {
        if (text != null && !StorableText.storable(text)) {
            throw invalid(field, "holds a NUL character or half of a surrogate pair");
        }
    }

    /** The JSON path of the parser's place, e.g. {@code settings.enabled_tools[2]}. */
    private static String path(JsonStreamContext context) {
        String parent = context.getParent() == null || context.getParent().inRoot() ? "" : path(context.getParent());
        if (context.inArray()) {
            return parent + "[" + context.getCurrentIndex() + "]";
        }
        String name = context.getCurrentName() == null ? "" : StorableText.of(context.getCurrentName());
        return parent.isEmpty() ? name : parent + "." + name;
    }

    private <T> T parse(byte[] bytes, Class<T> type) {
        try {
            return reader.forType(type).readValue(bytes);
        } catch (UnrecognizedPropertyException e) {
            String allowed = e.getKnownPropertyIds() == null ? "" : "; allowed: " + e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            throw ApiError.badRequest("unknown_field", "'" + field(e) + "' is not a field of this request" + allowed);
        } catch (InvalidNullException e) {
            throw invalid(field(e), "must not be null");
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw ApiError.badRequest("invalid_json", "The request body must be a JSON object");
            }
            throw invalid(field(e), "must be " + expected(e.getTargetType()));
        } catch (JsonParseException e) {
            throw ApiError.badRequest("invalid_json", "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (JsonMappingException e) {
            if (e.getPath().isEmpty()) {
                throw ApiError.badRequest("invalid_json", "The request body must be a JSON object");
            }
            throw invalid(field(e), "has an invalid value");
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("invalid_json", "The request body is not valid JSON");
        } catch (IOException e) {
            throw ApiError.badRequest("invalid_body", "The request body could not be read");
        }
    }

    private <T> T validated(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        // the first problem in the order the record declares its fields
        List<String> order = request.getClass().isRecord()
                ? Arrays.stream(request.getClass().getRecordComponents()).map(RecordComponent::getName).toList() : List.of();
        violations.stream().min(Comparator.comparing((ConstraintViolation<T> v) -> order.indexOf(
                        v.getPropertyPath().iterator().next().getName())).thenComparing(v -> v.getPropertyPath().toString()))
                .ifPresent(violation -> {
            String field = field(violation.getPropertyPath());
            Class<?> constraint = violation.getConstraintDescriptor().getAnnotation().annotationType();
            if (constraint == NotNull.class || constraint == NotBlank.class && isBlankOrNull(violation.getInvalidValue())
                    || constraint == NotEmpty.class && violation.getInvalidValue() == null) {
                throw ApiError.badRequest("missing_field", "'" + field + "' is required");
            }
            throw invalid(field, constraint == Size.class ? size(violation) : violation.getMessage());
        });
        return request;
    }

    public static ApiError invalid(String field, String problem) {
        return ApiError.badRequest("invalid_field", "'" + field + "' " + problem);
    }

    private static boolean isBlankOrNull(Object value) {
        return value == null || value instanceof String text && text.isBlank();
    }

    private static String size(ConstraintViolation<?> violation) {
        var attributes = violation.getConstraintDescriptor().getAttributes();
        Object value = violation.getInvalidValue();
        String unit = value instanceof CharSequence ? " characters" : " items";
        int min = (Integer) attributes.get("min");
        int max = (Integer) attributes.get("max");
        if (min > 0 && value instanceof CharSequence text && text.isEmpty()) {
            return "must not be empty";
        }
        return max == Integer.MAX_VALUE ? "must have at least " + min + unit
                : min <= 0 ? "must have at most " + max + unit
                : "must have between " + min + " and " + max + unit;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of the documented type";
        }
        if (type.isEnum()) {
            // in their JSON spelling (@JsonValue)
            return "one of " + Arrays.stream(type.getEnumConstants()).map(value -> ENUM_NAMES.convertValue(value, String.class))
                    .collect(Collectors.joining(", "));
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        return "a JSON object";
    }

    /** The JSON path of a field, e.g. {@code settings.enabled_tools[2]}. */
    private static String field(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String field(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getName() != null && !node.getName().startsWith("<")) {
                out.append(out.isEmpty() ? "" : ".").append(PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(node.getName()));
            }
            if (node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static byte[] bytes(Exchange exchange) {
        try {
            Object raw = exchange.getIn().getBody();
            byte[] bytes = raw instanceof InputStream in ? in.readAllBytes() : exchange.getIn().getBody(byte[].class);
            return bytes == null ? new byte[0] : bytes;
        } catch (IOException e) {
            throw ApiError.badRequest("invalid_body", "The request body could not be read");
        }
    }

    /** A PATCH field left out reads as null, one sent as null as an empty Optional (Jackson reads both as empty). */
    private static final class LeftOutOptionalIsNull extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyReferenceDeserializer(DeserializationConfig config, ReferenceType type,
                                                              BeanDescription description, JsonDeserializer<?> deserializer) {
            return type.hasRawClass(Optional.class) ? new AbsentAsNull(deserializer) : deserializer;
        }
    }

    private static final class AbsentAsNull extends DelegatingDeserializer {
        AbsentAsNull(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new AbsentAsNull(delegate);
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return null;
        }
    }

    /** Strings arrive trimmed, so "  " is as empty as "". */
    private static final class TrimmedString extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            return value == null ? null : value.strip();
        }
    }
}
