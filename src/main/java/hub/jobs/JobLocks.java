package hub.jobs;

import javax.sql.DataSource;

import hub.conversation.Worker;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scheduled jobs run once per schedule across instances through ShedLock's locks in PostgreSQL: a maintained library
 * on the database every instance already shares (Camel's cluster services need ZooKeeper, Consul, Kubernetes,
 * Infinispan, JGroups or a shared file system; none uses a database).
 */
@Configuration(proxyBeanMethods = false)
public class JobLocks {

    @Bean
    LockProvider jobLockProvider(DataSource dataSource, Worker worker) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("scheduled_job_locks")
                .withLockedByValue(worker.id())
                // one clock for every instance: the database's
                .usingDbTime()
                .build());
    }

    /** {@code routePolicy: oncePerSchedule} on a scheduled job's timer route. */
    @Bean
    OncePerSchedule oncePerSchedule(LockProvider jobLockProvider) {
        return new OncePerSchedule(jobLockProvider);
    }
}
