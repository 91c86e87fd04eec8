package hub.events;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hub.config.HubProperties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This instance's one {@code LISTEN hub_events} connection, outside the pool: every write path notifies the
 * channel (database triggers, V10: messages stored, delivery statuses, contact changes, knowledge source
 * progress) with {@code {"organization_id", "event", ...}}, and each notification is handed to {@link LiveEvents}
 * for the organisation's open streams, whichever instance wrote it. A lost connection is opened again after
 * {@code hub.events.reconnect-delay}.
 */
@Component
public class DatabaseEventListener implements SmartLifecycle {

    public static final String CHANNEL = "hub_events";
    private static final Logger log = LoggerFactory.getLogger(DatabaseEventListener.class);
    private static final int POLL_MILLIS = 500;

    private final DataSourceProperties database;
    private final LiveEvents events;
    private final ObjectMapper mapper;
    private final Duration reconnectDelay;
    private final boolean servesStreams;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    public DatabaseEventListener(DataSourceProperties database, LiveEvents events, ObjectMapper mapper, HubProperties hub) {
        this.database = database;
        this.events = events;
        this.mapper = mapper;
        this.reconnectDelay = hub.events().reconnectDelay();
        this.servesStreams = hub.runs(HubProperties.Role.API);
    }

    /** Only an instance that serves {@code GET /api/events} listens. */
    @Override
    public boolean isAutoStartup() {
        return servesStreams;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::listen, "hub-events-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** True while the LISTEN connection is open. */
    public boolean listening() {
        return listening;
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(database.determineUrl(), database.determineUsername(),
                    database.determinePassword())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                listening = true;
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            deliver(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("The live events connection (LISTEN {}) failed, opening it again in {}: {}", CHANNEL,
                            reconnectDelay, e.getMessage());
                }
            } finally {
                listening = false;
            }
            pause();
        }
    }

    private void deliver(String payload) {
        try {
            JsonNode event = mapper.readTree(payload);
            if (event instanceof ObjectNode fields && fields.hasNonNull("organization_id") && fields.hasNonNull("event")) {
                UUID organization = UUID.fromString(fields.remove("organization_id").asText());
                String name = fields.remove("event").asText();
                events.publish(organization, name, mapper.writeValueAsString(fields));
            }
        } catch (Exception e) {
            log.warn("A live event could not be read: {}", e.getMessage());
        }
    }

    private void pause() {
        try {
            Thread.sleep(reconnectDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
