package hub.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.whatsapp.graph.TextSplitter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Replies whose send was cut (the instance died, or lost the database, between marking the reply "sending" and
 * recording Meta's answer) and that wait as 'uncertain': proofs from status webhooks, the due replies, and their outcome.
 */
@Repository
public class UncertainReplies {

    /** An uncertain reply taken by this instance, with what is needed to settle it. */
    public record Uncertain(UUID webhookEventId, PendingReply reply, int resendAttempts, Instant sendingAt,
                            String provedWamid, boolean billed, String storedAccessToken, boolean manualMode) {

        /** A status webhook or the reply's own rows prove it went out (usage is logged only for a delivered reply). */
        public boolean provedSent() {
            return provedWamid != null || billed;
        }
    }

    private static final String RECORD_PROOF = """
            UPDATE webhook_events SET reply_proof_wamid = coalesce(reply_proof_wamid, ?)
             WHERE id = ? AND reply_status IN ('sending', 'uncertain')""";
    // the stored reply's inbound messages, inside TAKE_DUE
    private static final String INBOUND_IDS =
            "(SELECT x::bigint FROM jsonb_array_elements_text(e.pending_reply->'inbound_message_ids') x)";
    // taken for a lease; if this instance dies while sending it again, the next one waits for a proof once more.
    // Proof: a status webhook with the reply's key, else the reply's own rows (its run stopped after writing them)
    private static final String TAKE_DUE = """
            UPDATE webhook_events e
               SET locked_by = ?, locked_until = now() + make_interval(secs => ?),
                   resend_due_at = now() + make_interval(secs => ?)
             WHERE e.id IN (SELECT u.id FROM webhook_events u
                             WHERE u.reply_status = 'uncertain' AND u.resend_due_at IS NOT NULL AND u.status = 'processing'
                               AND (u.locked_until IS NULL OR u.locked_until < now())
                               AND (u.resend_due_at <= now()
                                    OR EXISTS (SELECT 1 FROM webhook_events k WHERE k.id = (u.pending_reply->>'key')::uuid
                                                  AND k.reply_proof_wamid IS NOT NULL))
                             ORDER BY u.resend_due_at LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING e.id, e.pending_reply::text, e.resend_attempts, e.reply_sending_at,
                      coalesce((SELECT k.reply_proof_wamid FROM webhook_events k WHERE k.id = (e.pending_reply->>'key')::uuid),
                               (SELECT r.outbound_whatsapp_message_id FROM messages r
                                 WHERE r.role = 'assistant' AND r.outbound_whatsapp_message_id IS NOT NULL
                                   AND (r.reply_to_message_id IN %1$s
                                        OR r.id IN (SELECT m.answered_by_message_id FROM messages m WHERE m.id IN %1$s))
                                 ORDER BY r.part_index LIMIT 1)),
                      EXISTS (SELECT 1 FROM usage_logs u WHERE u.webhook_event_id = e.id),
                      (SELECT c.whatsapp_access_token FROM chatbots c WHERE c.id = (e.pending_reply->>'chatbot_id')::uuid),
                      EXISTS (SELECT 1 FROM contacts ct WHERE ct.id = (e.pending_reply->>'contact_id')::uuid
                                 AND ct.conversation_mode = 'manual')""".formatted(INBOUND_IDS);
    private static final String SAVE_REPLY = """
            INSERT INTO messages (organization_id, chatbot_id, contact_id, role, message_type, content, whatsapp_phone_number_id,
                                  phone_number, outbound_whatsapp_message_id, delivery_status, sent_at, reply_to_message_id, part_index)
            SELECT c.organization_id, c.id, ?, 'assistant', ?, ?, c.whatsapp_phone_number_id, ?, ?, 'sent', now(), ?, ?
              FROM chatbots c WHERE c.id = ?
            ON CONFLICT (outbound_whatsapp_message_id) WHERE outbound_whatsapp_message_id IS NOT NULL DO NOTHING""";
    private static final String SENT = """
            UPDATE webhook_events
               SET status = 'completed', reply_status = 'sent', reply_whatsapp_message_id = ?, reply_sent_at = now(),
                   processed_at = now(), locked_until = NULL, pending_reply = NULL, resend_due_at = NULL, error_message = NULL
             WHERE id = ANY(?::uuid[]) AND reply_status IN ('sending', 'uncertain')""";
    private static final String RETRY_LATER = """
            UPDATE webhook_events
               SET resend_attempts = resend_attempts + 1, resend_due_at = now() + make_interval(secs => ?),
                   locked_until = NULL, error_message = ?, last_error_at = now()
             WHERE id = ANY(?::uuid[]) AND reply_status = 'uncertain'""";
    private static final String NOT_SENT = """
            UPDATE webhook_events
               SET status = ?, skip_reason = ?::not_answered_reason, reply_status = ?, error_message = ?,
                   processed_at = now(), locked_until = NULL, pending_reply = NULL, resend_due_at = NULL
             WHERE id = ANY(?::uuid[]) AND reply_status IN ('sending', 'uncertain')""";
    private static final String MARK_NOT_ANSWERED = """
            UPDATE messages SET not_answered_reason = ?::not_answered_reason
             WHERE id = ANY(?::bigint[]) AND not_answered_reason IS NULL""";

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final ConversationRepository conversations;

    public UncertainReplies(JdbcTemplate jdbc, ObjectMapper mapper, ConversationRepository conversations) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.conversations = conversations;
    }

    /** A status webhook for an outbound wamid the hub has not recorded, carrying one of our reply keys. */
    public void recordProof(UUID replyKey, String wamid) {
        jdbc.update(RECORD_PROOF, wamid, replyKey);
    }

    /** Uncertain replies that have a proof, or whose wait is over, taken by {@code worker} for {@code lease}. */
    public List<Uncertain> takeDue(String worker, Duration lease, Duration uncertainSendWait, int limit) {
        return jdbc.query(TAKE_DUE, (rs, i) -> new Uncertain(rs.getObject(1, UUID.class), reply(rs.getString(2)), rs.getInt(3),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getBoolean(6),
                        rs.getString(7), rs.getBoolean(8)),
                worker, lease.toSeconds(), uncertainSendWait.toMillis() / 1000.0, limit);
    }

    /**
     * The reply went out with these wamids (one per part; none when only its usage row proves it): its events are
     * completed and the agent's answer is kept.
     */
    @Transactional
    public void sent(PendingReply reply, List<String> wamids) {
        if (wamids.isEmpty()) {
            wamids = java.util.Collections.singletonList(null);
        }
        if (reply.history()) {
            List<String> parts = reply.interactive() != null ? List.of(reply.text()) : TextSplitter.split(reply.text());
            Long replyTo = reply.inboundMessageIds().size() == 1 ? reply.inboundMessageIds().get(0) : null;
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < wamids.size(); i++) {
                rows.add(new Object[] {reply.contactId(), reply.interactive() != null ? "interactive" : "text",
                        i < parts.size() ? parts.get(i) : "", reply.to(), wamids.get(i), replyTo, i, reply.chatbotId()});
            }
            jdbc.batchUpdate(SAVE_REPLY, rows);
            if (reply.inboundMessageIds().size() > 1) {
                conversations.markAnsweredBy(wamids.get(0), reply.inboundMessageIds());
            }
        }
        jdbc.update(SENT, wamids.get(0), array(reply.eventIds()));
    }

    /** The reply could not be sent again yet: tried once more after {@code delay}. */
    public void retryLater(PendingReply reply, Duration delay, String error) {
        jdbc.update(RETRY_LATER, delay.toSeconds(), error, array(reply.eventIds()));
    }

    /** The reply will not be sent: its events are closed with {@code reason} and its messages count as not answered. */
    @Transactional
    public void notSent(PendingReply reply, Turn.NotAnswered reason, String error) {
        boolean manual = reason == Turn.NotAnswered.manual_mode;
        jdbc.update(NOT_SENT, manual ? "skipped" : "failed", reason.name(), manual ? "skipped" : "failed", error,
                array(reply.eventIds()));
        jdbc.update(MARK_NOT_ANSWERED, reason.name(), array(reply.inboundMessageIds()));
    }

    private PendingReply reply(String json) {
        try {
            return mapper.readValue(json, PendingReply.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored pending reply is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private static String[] array(List<?> values) {
        return values.stream().map(String::valueOf).toArray(String[]::new);
    }
}
