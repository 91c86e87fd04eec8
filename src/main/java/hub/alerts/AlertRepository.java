package hub.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.StorableText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The system_alerts statements. */
@Repository
public class AlertRepository {

    private static final String RECORD = "SELECT is_new FROM record_alert(?, ?, ?, ?, ?, ?::jsonb, ?, p_reason => ?)";
    private static final String MARK_NOTIFIED = "UPDATE system_alerts SET notified_at = now() WHERE dedup_key = ? AND notified_at IS NULL";

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    public AlertRepository(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** Records the alert; true when it is new (not a repeat within its dedup window). */
    public boolean record(Alert alert) throws JsonProcessingException {
        Boolean isNew = jdbc.queryForObject(RECORD, Boolean.class, alert.organizationId(), alert.chatbotId(),
                alert.type().name(), alert.severity().value(), StorableText.of(alert.message()),
                StorableText.json(mapper.writeValueAsString(alert.metadata() == null ? java.util.Map.of() : alert.metadata())),
                alert.dedupKey(), alert.reason().code());
        return Boolean.TRUE.equals(isNew);
    }

    public void markNotified(String dedupKey) {
        if (dedupKey != null) {
            jdbc.update(MARK_NOTIFIED, dedupKey);
        }
    }
}
