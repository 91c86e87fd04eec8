package hub.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import hub.HubApplication;
import hub.TestDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.timer.TimerEndpoint;
import org.apache.camel.support.RoutePolicySupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two hubs on one database, each with every scheduled job on its timer: each period's tick runs the job on one
 * of them, not on both.
 */
class ScheduledJobsOnceIT {

    private static final Duration PERIOD = Duration.ofSeconds(2);
    private static ConfigurableApplicationContext hubA;
    private static ConfigurableApplicationContext hubB;

    @BeforeAll
    static void startTwoHubs() {
        hubA = startHub("jobs-once-a");
        hubB = startHub("jobs-once-b");
    }

    @AfterAll
    static void stopHubs() {
        for (ConfigurableApplicationContext hub : new ConfigurableApplicationContext[] {hubA, hubB}) {
            if (hub != null) {
                hub.close();
            }
        }
    }

    @Test
    void theBillingRolloverRunsOncePerPeriodWhileBothHubsTick() throws Exception {
        // the hub's own schedule route, on a fresh schedule name (other hubs of the test run share the database) and
        // ticking every 2 s instead of every hour
        String schedule = "billing-period-rollover-" + UUID.randomUUID().toString().substring(0, 8);
        Counts a = everyTwoSeconds(camel(hubA), schedule);
        Counts b = everyTwoSeconds(camel(hubB), schedule);

        Thread.sleep(11_000);
        camel(hubA).getRouteController().stopRoute("billing-period-rollover-schedule");
        camel(hubB).getRouteController().stopRoute("billing-period-rollover-schedule");

        int ticksA = a.ticks.get();
        int ticksB = b.ticks.get();
        int runs = a.runs.get() + b.runs.get();
        assertThat(Math.min(ticksA, ticksB)).as("both hubs ticked every period").isGreaterThanOrEqualTo(4);
        assertThat(runs).as("rollovers run by %d + %d ticks of two hubs", ticksA, ticksB)
                .isBetween(Math.min(ticksA, ticksB) - 1, Math.max(ticksA, ticksB) + 1);
    }

    @Test
    void everyScheduledJobRunsOncePerSchedule() {
        List<String> perInstance = camel(hubA).getRoutes().stream()
                .filter(route -> route.getEndpoint() instanceof TimerEndpoint)
                .filter(route -> route.getRoutePolicyList().stream().noneMatch(OncePerSchedule.class::isInstance))
                .map(Route::getRouteId)
                .toList();

        assertThat(perInstance).as("timer routes without the lock: only the sweeps that take their work with leases")
                .containsExactlyInAnyOrder("conversation-bursts", "uncertain-replies");
        assertThat(camel(hubA).getRoute("knowledge-ingest-recovery").getRoutePolicyList())
                .hasAtLeastOneElementOfType(OncePerSchedule.class);
    }

    private static Counts everyTwoSeconds(CamelContext camel, String schedule) throws Exception {
        Counts counts = new Counts();
        AdviceWith.adviceWith(camel, "billing-period-rollover-schedule", route -> {
            route.replaceFromWith("timer:" + schedule + "?delay=0&period=" + PERIOD.toMillis());
            route.getOriginalRoute().routePolicy(new RoutePolicySupport() {
                @Override
                public void onExchangeBegin(Route r, Exchange exchange) {
                    counts.ticks.incrementAndGet();
                }
            });
            route.weaveByToUri("direct:billing-period-rollover").before().process(exchange -> counts.runs.incrementAndGet());
        });
        return counts;
    }

    private static CamelContext camel(ConfigurableApplicationContext hub) {
        return hub.getBean(CamelContext.class);
    }

    private static ConfigurableApplicationContext startHub(String instance) {
        return new SpringApplicationBuilder(HubApplication.class, TestDatabase.class)
                .profiles("test")
                // two hubs in one JVM: their MBeans (Hawtio's view) need names of their own
                .run("--server.port=0", "--hub.instance-id=" + instance, "--spring.jmx.unique-names=true");
    }

    private static final class Counts {
        final AtomicInteger ticks = new AtomicInteger();
        final AtomicInteger runs = new AtomicInteger();
    }
}
