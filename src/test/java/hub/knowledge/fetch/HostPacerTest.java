package hub.knowledge.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class HostPacerTest {

    @Test
    void concurrentCallersForOneHostGetConsecutiveSlots() throws Exception {
        List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
        HostPacer pacer = new HostPacer(Duration.ofSeconds(1), () -> 0L, waits::add); // time stands still
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    pacer.acquire("example.com");
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(waits).containsExactlyInAnyOrder(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    @Test
    void hostsArePacedIndependentlyAndCaseInsensitively() throws Exception {
        List<Duration> waits = new ArrayList<>();
        HostPacer pacer = new HostPacer(Duration.ofMillis(500), () -> 0L, waits::add);

        pacer.acquire("a.example");
        pacer.acquire("b.example");
        pacer.acquire("A.EXAMPLE");

        assertThat(waits).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void aZeroIntervalNeverWaits() throws Exception {
        List<Duration> waits = new ArrayList<>();
        HostPacer pacer = new HostPacer(Duration.ZERO, () -> 0L, waits::add);

        pacer.acquire("a.example");
        pacer.acquire("a.example");

        assertThat(waits).isEmpty();
    }
}
