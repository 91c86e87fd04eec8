package hub.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.AnnotationsUtils;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.Size;
import org.apache.camel.openapi.RestModelConverters;
import org.springframework.stereotype.Component;

/**
 * Puts in {@code /api/openapi.json} the Bean Validation constraints that swagger-core reads nowhere but on a field
 * and on a list's items: those of a PATCH request's fields, written inside {@code Optional<...>} (absent and null kept
 * apart), and a map's size and values. Without it a client would see a PATCH's {@code name} as any string. It runs
 * after Camel's own converter has described a record and adds them to its properties, mapped as swagger-core maps
 * them elsewhere; and it anchors each pattern, which Bean Validation matches against the whole text.
 */
@Component
public class FieldConstraints implements ModelConverter {

    private static final AtomicBoolean REGISTERED = new AtomicBoolean();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Validation VALIDATION = new Validation();

    public FieldConstraints() {
        if (REGISTERED.compareAndSet(false, true)) {
            // Camel adds its converter to swagger-core's shared lists when its class loads: load it first, so that this
            // one, added in front, sees every model Camel's converter has made
            new RestModelConverters(false);
            ModelConverters.getInstance().addConverter(this);
            ModelConverters.getInstance(true).addConverter(this);
        }
    }

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (!chain.hasNext()) {
            return null;
        }
        Schema<?> schema = chain.next().resolve(type, context, chain);
        Class<?> raw = type.getType() == null ? null : JSON.constructType(type.getType()).getRawClass();
        if (schema != null && raw != null && raw.isRecord()) {
            Schema<?> model = schema.get$ref() == null ? schema
                    : context.getDefinedModels().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
            if (model != null && model.getProperties() != null) {
                addConstraints(raw, model);
                model.getProperties().values().forEach(FieldConstraints::anchorPatterns);
            }
        }
        return schema;
    }

    private static void addConstraints(Class<?> record, Schema<?> model) {
        Map<String, Schema> properties = model.getProperties();
        for (BeanPropertyDefinition property : JSON.getDeserializationConfig().introspect(JSON.constructType(record))
                .findProperties()) {
            RecordComponent component = Arrays.stream(record.getRecordComponents())
                    .filter(c -> c.getName().equals(property.getInternalName())).findFirst().orElse(null);
            Schema<?> described = properties.get(property.getName());
            if (component == null || described == null || described.get$ref() != null) {
                continue;
            }
            boolean optional = component.getType() == Optional.class;
            java.lang.reflect.AnnotatedType type = optional ? argument(component.getAnnotatedType(), 0, 1)
                    : component.getAnnotatedType();
            if (type != null && (optional || Map.class.isAssignableFrom(component.getType()))) {
                // a copy: swagger-core may hand the same schema to several properties of one type
                Schema<?> copy = AnnotationsUtils.clone(described, false);
                describe(copy, type, optional);
                properties.put(property.getName(), copy);
            }
        }
    }

    /**
     * What swagger-core leaves out: the constraints of an Optional's content and of its list's items, and a map's
     * size and the constraints of its values.
     */
    private static void describe(Schema<?> schema, java.lang.reflect.AnnotatedType type, boolean optionalContent) {
        if (optionalContent) {
            VALIDATION.apply(schema, type.getAnnotations());
            java.lang.reflect.AnnotatedType item = argument(type, 0, 1);
            if (item != null && schema.getItems() != null && schema.getItems().get$ref() == null) {
                VALIDATION.apply(schema.getItems(), item.getAnnotations());
            }
        }
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            Size size = type.getAnnotation(Size.class);
            if (size != null) {
                schema.setMinProperties(size.min() > 0 ? size.min() : null);
                schema.setMaxProperties(size.max() < Integer.MAX_VALUE ? size.max() : null);
            }
            java.lang.reflect.AnnotatedType value = argument(type, 1, 2);
            if (value != null && values.get$ref() == null) {
                Schema<?> copy = AnnotationsUtils.clone(values, false);
                VALIDATION.apply(copy, value.getAnnotations());
                schema.setAdditionalProperties(copy);
            }
        }
    }

    /** A Bean Validation pattern matches the whole text; an OpenAPI pattern, left as it is, any part of it. */
    private static void anchorPatterns(Schema<?> schema) {
        if (schema.getPattern() != null && !schema.getPattern().startsWith("^")) {
            schema.setPattern("^(?:" + schema.getPattern() + ")$");
        }
        if (schema.getItems() != null) {
            anchorPatterns(schema.getItems());
        }
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            anchorPatterns(values);
        }
    }

    /** The index-th of a generic type's {@code count} arguments, with their annotations; null for any other type. */
    private static java.lang.reflect.AnnotatedType argument(java.lang.reflect.AnnotatedType type, int index, int count) {
        return type instanceof AnnotatedParameterizedType generic && generic.getAnnotatedActualTypeArguments().length == count
                ? generic.getAnnotatedActualTypeArguments()[index] : null;
    }

    /** swagger-core's own mapping of constraints to a schema (size, pattern, minimum, maximum, ...). */
    private static final class Validation extends ModelResolver {

        Validation() {
            super(JSON);
        }

        void apply(Schema<?> property, Annotation[] constraints) {
            applyBeanValidatorAnnotations(property, constraints, null, false);
        }
    }
}
