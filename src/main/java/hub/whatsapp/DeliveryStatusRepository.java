package hub.whatsapp;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Delivery statuses of outbound messages, and the chatbot a phone number id routes to. */
@Repository
public class DeliveryStatusRepository {

    private static final String RECORD = "SELECT message_id, chatbot_id, organization_id FROM record_delivery_status(?, ?, ?, ?, ?)";
    private static final String CHATBOT_BY_PHONE = "SELECT id, organization_id FROM chatbots WHERE whatsapp_phone_number_id = ?";

    /** The chatbot (and its organisation) answering on a WhatsApp phone number id. */
    public record ChatbotRef(UUID chatbotId, UUID organizationId) {
    }

    private final JdbcTemplate jdbc;

    public DeliveryStatusRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Applies a status to the outbound message with that wamid; empty when no such message exists. */
    public Optional<ChatbotRef> record(String wamid, String status, Instant at, String errorCode, String error) {
        return jdbc.query(RECORD, (rs, i) -> new ChatbotRef(rs.getObject(2, UUID.class), rs.getObject(3, UUID.class)),
                        wamid, status, at == null ? null : Timestamp.from(at), errorCode, error)
                .stream().findFirst();
    }

    public Optional<ChatbotRef> chatbotByPhoneNumberId(String phoneNumberId) {
        if (phoneNumberId == null) {
            return Optional.empty();
        }
        return jdbc.query(CHATBOT_BY_PHONE, (rs, i) -> new ChatbotRef(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)),
                phoneNumberId).stream().findFirst();
    }

}
