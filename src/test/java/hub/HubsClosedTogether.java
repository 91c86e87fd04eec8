package hub;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Closes the hubs that Spring's test context cache kept, all at once, when the last test has run. Left to the JVM's
 * shutdown hook they close one after the other, each draining its Kafka consumers for seconds, and the whole run
 * waited longer than the test fork is given to exit. Registered for every Spring test (META-INF/spring.factories) and
 * as a JUnit launcher session listener (META-INF/services).
 */
public class HubsClosedTogether implements TestExecutionListener, LauncherSessionListener {

    private static final Set<ConfigurableApplicationContext> HUBS = ConcurrentHashMap.newKeySet();

    @Override
    public void afterTestClass(TestContext testContext) {
        // a hub closed already (@DirtiesContext, or evicted from the cache) is let go, not kept until the end
        HUBS.removeIf(hub -> !hub.isActive());
        if (testContext.hasApplicationContext()
                && testContext.getApplicationContext() instanceof ConfigurableApplicationContext hub && hub.isActive()) {
            HUBS.add(hub);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        List<Thread> closing = HUBS.stream().map(hub -> new Thread(hub::close, "close-" + hub.getId())).toList();
        closing.forEach(Thread::start);
        for (Thread thread : closing) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        HUBS.clear();
    }
}
