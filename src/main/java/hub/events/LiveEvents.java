package hub.events;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import hub.config.HubProperties;
import hub.security.TooManyRequests;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open event streams of this instance, per organisation, and the fan-out of each event to them. An event
 * is queued on each of the organisation's streams and written by a small pool, in order per stream, so a slow
 * browser delays only itself; a stream whose queue overflows, or whose write fails, is closed and forgotten.
 * Every stream gets a comment line every {@code hub.events.heartbeat}, and the organisations with open streams
 * stay {@link WatchedOrganizations watched} (for three heartbeats at a time), so their writes are notified.
 */
@Component
public class LiveEvents implements SmartLifecycle {

    static final int MAX_QUEUED = 500;

    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);

    private final Map<UUID, Set<Stream>> streams = new ConcurrentHashMap<>();
    private final ExecutorService writers = Executors.newFixedThreadPool(4, daemon("live-events-writer"));
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("live-events-heartbeat"));
    private final HubProperties.Events settings;
    private final WatchedOrganizations watched;
    private volatile boolean running;

    public LiveEvents(HubProperties hub, WatchedOrganizations watched) {
        this.settings = hub.events();
        this.watched = watched;
        long every = settings.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * A new stream of the organisation's events.
     *
     * @throws TooManyRequests when the organisation already has {@code hub.events.max-streams-per-organization} here
     */
    public SseEmitter open(UUID organizationId) {
        Set<Stream> open = streams.computeIfAbsent(organizationId, id -> ConcurrentHashMap.newKeySet());
        SseEmitter emitter = new SseEmitter(settings.streamTimeout().toMillis());
        Stream stream = new Stream(organizationId, emitter);
        synchronized (open) {
            if (open.size() >= settings.maxStreamsPerOrganization()) {
                throw new TooManyRequests("This organisation has " + open.size()
                        + " live event streams open, the most allowed; close one (another browser tab) first", 15);
            }
            open.add(stream);
        }
        watched.watch(java.util.List.of(organizationId), watchPeriod());
        emitter.onCompletion(() -> close(stream));
        emitter.onTimeout(() -> close(stream));
        emitter.onError(error -> close(stream));
        stream.enqueue(SseEmitter.event().comment("connected"));
        return emitter;
    }

    /** An event for every open stream of the organisation ({@code data} is its JSON). */
    public void publish(UUID organizationId, String event, String data) {
        Set<Stream> open = streams.get(organizationId);
        if (open != null) {
            open.forEach(stream -> stream.enqueue(SseEmitter.event().name(event).data(data)));
        }
    }

    /** Open streams of the organisation on this instance. */
    public int openStreams(UUID organizationId) {
        Set<Stream> open = streams.get(organizationId);
        return open == null ? 0 : open.size();
    }

    @Override
    public void start() {
        running = true;
    }

    /** First of all when the hub stops: an open stream would hold up the web server's graceful shutdown. */
    @Override
    public void stop() {
        running = false;
        closeAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /** Ends every stream. */
    @PreDestroy
    public void closeAll() {
        heartbeats.shutdownNow();
        streams.values().forEach(open -> open.forEach(stream -> stream.emitter.complete()));
        streams.clear();
        writers.shutdown();
    }

    private void heartbeat() {
        streams.values().forEach(open -> open.forEach(stream -> stream.enqueue(SseEmitter.event().comment("heartbeat"))));
        try {
            watched.watch(streams.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList(),
                    watchPeriod());
        } catch (RuntimeException e) {
            log.warn("Could not keep the watched organisations fresh: {}", e.getMessage());
        }
    }

    private Duration watchPeriod() {
        return settings.heartbeat().multipliedBy(3);
    }

    private void close(Stream stream) {
        Set<Stream> open = streams.get(stream.organizationId);
        if (open != null) {
            open.remove(stream);
        }
    }

    private final class Stream {
        private final UUID organizationId;
        private final SseEmitter emitter;
        private final Queue<SseEmitter.SseEventBuilder> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger queued = new AtomicInteger();
        private final AtomicBoolean writing = new AtomicBoolean();

        Stream(UUID organizationId, SseEmitter emitter) {
            this.organizationId = organizationId;
            this.emitter = emitter;
        }

        void enqueue(SseEmitter.SseEventBuilder event) {
            if (queued.incrementAndGet() > MAX_QUEUED) {
                close(this);
                emitter.complete();
                return;
            }
            queue.add(event);
            drainSoon();
        }

        private void drainSoon() {
            if (!queue.isEmpty() && writing.compareAndSet(false, true)) {
                try {
                    writers.execute(this::drain);
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    writing.set(false);
                }
            }
        }

        private void drain() {
            try {
                SseEmitter.SseEventBuilder event;
                while ((event = queue.poll()) != null) {
                    queued.decrementAndGet();
                    emitter.send(event);
                }
            } catch (IOException | IllegalStateException gone) {
                close(this);
                queue.clear();
                emitter.completeWithError(gone);
            } finally {
                writing.set(false);
            }
            drainSoon();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
