package hub;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ReflectionUtils;

/**
 * Points the hub of a test class at the class's {@link FakeOutside} (a static field, declared in the class or a
 * superclass). The field is part of the hub's cache key: classes with a fake of their own get a hub of their own.
 */
class FakeOutsideProperties implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        List<Field> fakes = new ArrayList<>();
        for (Class<?> c = testClass; c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && FakeOutside.class.isAssignableFrom(field.getType())) {
                    fakes.add(field);
                }
            }
        }
        if (fakes.size() > 1) {
            throw new IllegalStateException(testClass.getName() + " has more than one FakeOutside: " + fakes);
        }
        return fakes.isEmpty() ? null : new PointAtFake(fakes.get(0));
    }

    private record PointAtFake(Field field) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            ReflectionUtils.makeAccessible(field);
            FakeOutside fake = (FakeOutside) ReflectionUtils.getField(field, null);
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("fake outside services", fake.hubProperties()));
        }
    }
}
