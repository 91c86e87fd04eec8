package hub.knowledge.store;

import java.util.Locale;

/** knowledge_sources.sync_status: pending → processing → synced | failed. */
public enum SyncStatus {
    PENDING, PROCESSING, SYNCED, FAILED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SyncStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
