package hub.jobs;

import java.time.Duration;
import java.time.Instant;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.component.timer.TimerEndpoint;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route policy of a scheduled job's timer route ({@code routePolicy: oncePerSchedule}): with several hub
 * instances on one database, a tick runs the job only on the instance that takes the schedule's lock (named after
 * the timer). The lock is held for 90% of the timer's period, so the other instances' ticks of that period are
 * skipped, while the next period's first tick finds it free; an instance that dies mid-run holds it at most one
 * period.
 */
public class OncePerSchedule extends RoutePolicySupport {

    private static final Logger log = LoggerFactory.getLogger(OncePerSchedule.class);
    private static final String HELD_LOCK = OncePerSchedule.class.getName() + ".lock";

    private final LockProvider locks;

    public OncePerSchedule(LockProvider locks) {
        this.locks = locks;
    }

    @Override
    public void onInit(Route route) {
        timer(route);
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        TimerEndpoint timer = timer(route);
        Duration period = Duration.ofMillis(timer.getPeriod());
        LockConfiguration schedule = new LockConfiguration(Instant.now(), timer.getTimerName(), period,
                period.multipliedBy(9).dividedBy(10));
        locks.lock(schedule).ifPresentOrElse(
                lock -> {
                    log.debug("{} runs on this instance this period ({} ms)", timer.getTimerName(), timer.getPeriod());
                    exchange.setProperty(HELD_LOCK, lock);
                },
                () -> {
                    log.debug("{} ran on another instance this period; skipping this tick", timer.getTimerName());
                    exchange.setRouteStop(true);
                });
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        SimpleLock lock = exchange.getProperty(HELD_LOCK, SimpleLock.class);
        if (lock != null) {
            lock.unlock();
        }
    }

    private static TimerEndpoint timer(Route route) {
        if (route.getEndpoint() instanceof TimerEndpoint timer && timer.getPeriod() > 0) {
            return timer;
        }
        throw new IllegalArgumentException("Route " + route.getRouteId() + " has routePolicy oncePerSchedule but is not "
                + "started by a repeating timer: its period is what the lock is held for");
    }
}
