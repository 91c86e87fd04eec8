package hub;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the SQL statements the hub sends (each execute, executeQuery, executeUpdate or executeBatch is one) and the
 * transactions it commits.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SqlStatementCounter {

    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");
    public static final AtomicLong STATEMENTS = new AtomicLong();
    /** Transactions committed: explicit commits, and statements run in auto-commit mode (one transaction each). */
    public static final AtomicLong COMMITS = new AtomicLong();
    /** Which threads' SQL is counted (by name): all, unless a test narrows it to the work it measures. */
    public static volatile java.util.function.Predicate<String> COUNTED_THREADS = name -> true;

    @Bean
    static BeanPostProcessor countingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource ? proxy(DataSource.class, dataSource) : bean;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target) {
        InvocationHandler handler = (proxy, method, args) -> {
            boolean counted = COUNTED_THREADS.test(Thread.currentThread().getName());
            if (counted && target instanceof Statement statement && EXECUTIONS.contains(method.getName())) {
                STATEMENTS.incrementAndGet();
                if (statement.getConnection().getAutoCommit()) {
                    COMMITS.incrementAndGet();
                }
            }
            if (counted && target instanceof Connection && "commit".equals(method.getName())) {
                COMMITS.incrementAndGet();
            }
            try {
                Object result = method.invoke(target, args);
                if (result instanceof Connection connection) {
                    return proxy(Connection.class, connection);
                }
                if (result instanceof java.sql.CallableStatement statement) {
                    return proxy(java.sql.CallableStatement.class, statement);
                }
                if (result instanceof java.sql.PreparedStatement statement) {
                    return proxy(java.sql.PreparedStatement.class, statement);
                }
                if (result instanceof Statement statement) {
                    return proxy(Statement.class, statement);
                }
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(SqlStatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
