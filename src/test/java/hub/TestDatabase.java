package hub;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Tests run on the hub_test database: the first Spring context of a test run rebuilds its schema
 * from the migrations, later contexts reuse it. Tests create their own tenants, so they don't clash.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabase {

    private static final AtomicBoolean CLEANED = new AtomicBoolean();

    /** The application's clock, which a test may set to a day (see {@link TestClock}). */
    @Bean
    TestClock testClock() {
        return new TestClock();
    }

    @Bean
    FlywayMigrationStrategy cleanOnceThenMigrate() {
        return flyway -> {
            if (CLEANED.compareAndSet(false, true)) {
                flyway.clean();
            }
            flyway.migrate();
        };
    }
}
