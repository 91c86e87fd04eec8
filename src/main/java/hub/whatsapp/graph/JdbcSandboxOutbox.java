package hub.whatsapp.graph;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link SandboxOutbox} in the {@code sandbox_outbox} table, linked to the chatbot that owns the number. */
@Component
public record JdbcSandboxOutbox(JdbcTemplate jdbc) implements SandboxOutbox {

    private static final String INSERT = """
            INSERT INTO sandbox_outbox (chatbot_id, whatsapp_phone_number_id, recipient, whatsapp_message_id, payload)
            VALUES ((SELECT id FROM chatbots WHERE whatsapp_phone_number_id = ?), ?, ?, ?, CAST(? AS jsonb))
            """;

    @Override
    public void record(String phoneNumberId, String recipient, String wamid, String payloadJson) {
        jdbc.update(INSERT, phoneNumberId, phoneNumberId, recipient, wamid, payloadJson);
    }
}
