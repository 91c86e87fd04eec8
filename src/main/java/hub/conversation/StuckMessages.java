package hub.conversation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Statements of the stuck-message recovery: inbound messages left "processing" with an expired lease
 * (an instance stopped while Kafka had already handed the message to another one, which found it
 * leased and let it go), and what is needed to put them back on the topic. Messages waiting for their
 * burst are not stuck: the burst sweep answers them; nor are uncertain replies, which {@link UncertainReplies} settles.
 */
@Repository
public class StuckMessages {

    /** A stuck event, claimed for this sweep (its lease is stamped so the next sweep leaves it alone for a while). */
    public record Stuck(UUID webhookEventId, String wamid, String phoneNumberId, int attempts) {
    }

    /** The customer's message as it was stored by the context enricher. */
    public record StoredInbound(String sender, String fromUserId, String profileName, Long timestamp, String type,
                                String text, String attachmentJson) {
    }

    private static final String CLAIM_STUCK = """
            UPDATE webhook_events we SET locked_until = now(), locked_by = 'stuck-messages-recovery'
             WHERE we.id IN (SELECT s.id FROM webhook_events s
                              WHERE s.status = 'processing' AND s.burst_due_at IS NULL
                                AND s.reply_status IS DISTINCT FROM 'uncertain'
                                AND (s.locked_until IS NULL OR s.locked_until < now() - make_interval(secs => ?))
                              ORDER BY s.locked_until NULLS FIRST LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING we.id, we.whatsapp_message_id, we.phone_number_id, we.attempts""";
    private static final String STORED_INBOUND = """
            SELECT m.phone_number, m.metadata->>'fromUserId' AS from_user_id, ct.name,
                   extract(epoch FROM m.whatsapp_timestamp)::bigint AS ts, m.message_type, m.content,
                   (m.metadata->'attachment')::text AS attachment
              FROM messages m LEFT JOIN contacts ct ON ct.id = m.contact_id
             WHERE m.whatsapp_message_id = ? AND m.role = 'user'""";
    private static final String GIVE_UP = """
            UPDATE webhook_events
               SET status = 'failed', error_message = ?, last_error_at = now(), locked_until = NULL, processed_at = now()
             WHERE id = ? AND status = 'processing'
            RETURNING coalesce(organization_id, (SELECT c.organization_id FROM chatbots c
                                                  WHERE c.whatsapp_phone_number_id = webhook_events.phone_number_id)) AS organization_id,
                      coalesce(chatbot_id, (SELECT c.id FROM chatbots c
                                             WHERE c.whatsapp_phone_number_id = webhook_events.phone_number_id)) AS chatbot_id""";
    private static final String MARK_PROCESSING_FAILED = """
            UPDATE messages SET not_answered_reason = 'processing_failed'
             WHERE whatsapp_message_id = ? AND role = 'user' AND not_answered_reason IS NULL""";

    private final JdbcTemplate jdbc;

    public StuckMessages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Stuck> claim(java.time.Duration stuckFor, int limit) {
        return jdbc.query(CLAIM_STUCK, (rs, i) -> new Stuck(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                rs.getInt(4)), stuckFor.toSeconds(), limit);
    }

    public Optional<StoredInbound> storedInbound(String wamid) {
        return jdbc.query(STORED_INBOUND, (rs, i) -> new StoredInbound(rs.getString(1), rs.getString(2), rs.getString(3),
                (Long) rs.getObject(4), rs.getString(5), rs.getString(6), rs.getString(7)), wamid).stream().findFirst();
    }

    /** Parks the message as failed; returns its organisation and chatbot when known (for the alert). */
    public Optional<Map<String, Object>> giveUp(Stuck stuck, String reason) {
        var rows = jdbc.queryForList(GIVE_UP, reason, stuck.webhookEventId());
        jdbc.update(MARK_PROCESSING_FAILED, stuck.wamid());
        return rows.stream().findFirst();
    }
}
