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
import org.apache.camel.openapi.RestModelConverters;
import org.springframework.stereotype.Component;

/**
 * Puts in {@code /api/openapi.json} the Bean Validation constraints of a PATCH request's fields, which are written
 * inside {@code Optional<...>} (absent and null kept apart): swagger-core reads the constraints of a field and of a
 * list's items, not those of an Optional's content, so without this a client would see {@code name} as any string.
 * It runs after Camel's own converter has described a request record, and adds each {@code Optional<@Size(max = 200)
 * String>}'s constraints to that property, as swagger-core applies them elsewhere.
 */
@Component
public class OptionalConstraints implements ModelConverter {

    private static final AtomicBoolean REGISTERED = new AtomicBoolean();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Validation VALIDATION = new Validation();

    public OptionalConstraints() {
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
            }
        }
        return schema;
    }

    private static void addConstraints(Class<?> record, Schema<?> model) {
        Map<String, Schema> properties = model.getProperties();
        for (BeanPropertyDefinition property : JSON.getDeserializationConfig().introspect(JSON.constructType(record))
                .findProperties()) {
            java.lang.reflect.AnnotatedType content = optionalContent(record, property.getInternalName());
            Schema<?> described = properties.get(property.getName());
            if (content != null && described != null && described.get$ref() == null) {
                // a copy: swagger-core may hand the same schema to several properties of one type
                Schema<?> copy = AnnotationsUtils.clone(described, false);
                VALIDATION.apply(copy, content.getAnnotations());
                if (copy.getItems() != null && copy.getItems().get$ref() == null && content instanceof AnnotatedParameterizedType list
                        && list.getAnnotatedActualTypeArguments().length == 1) {
                    VALIDATION.apply(copy.getItems(), list.getAnnotatedActualTypeArguments()[0].getAnnotations());
                }
                properties.put(property.getName(), copy);
            }
        }
    }

    /** T, with its annotations, of a record component declared {@code Optional<T>}; null for any other component. */
    private static java.lang.reflect.AnnotatedType optionalContent(Class<?> record, String component) {
        return Arrays.stream(record.getRecordComponents())
                .filter(c -> c.getName().equals(component) && c.getType() == Optional.class)
                .map(RecordComponent::getAnnotatedType)
                .filter(AnnotatedParameterizedType.class::isInstance)
                .map(t -> ((AnnotatedParameterizedType) t).getAnnotatedActualTypeArguments()[0])
                .findFirst().orElse(null);
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
