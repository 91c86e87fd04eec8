package hub;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tests run on the hub_test database: the first Spring context of a test run rebuilds its schema
 * from the migrations, later contexts reuse it. Tests create their own tenants, so they don't clash.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabase {

    private static final AtomicBoolean CLEANED = new AtomicBoolean();
    private static final String DROP_TEXT_SEARCH_CONFIGURATIONS = """
            DO $$
            DECLARE
                c record;
            BEGIN
                FOR c IN SELECT cfgname FROM pg_ts_config WHERE cfgnamespace = 'public'::regnamespace AND cfgname LIKE 'hub\\_%' LOOP
                    EXECUTE format('DROP TEXT SEARCH CONFIGURATION %I', c.cfgname);
                END LOOP;
            END
            $$""";

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
                // Flyway's clean leaves text search configurations behind, which V15 creates
                new JdbcTemplate(flyway.getConfiguration().getDataSource()).execute(DROP_TEXT_SEARCH_CONFIGURATIONS);
            }
            flyway.migrate();
        };
    }
}
