package hub;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import hub.contract.ApiContractExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * The whole hub on a random port: real PostgreSQL (hub_test), the embedded Kafka broker, real HTTP,
 * with JMX (Hawtio) and metrics as in production. An API answer that breaks /api/openapi.json fails the test.
 * A static {@link FakeOutside} field of the test class takes the place of Meta and the LLM providers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AutoConfigureObservability
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestDatabase.class)
@ContextCustomizerFactories({FakeOutsideProperties.class, FakeMail.Properties.class})
@ExtendWith(ApiContractExtension.class)
public @interface IntegrationTest {
}
