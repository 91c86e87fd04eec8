package hub.whatsapp.graph;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link SandboxOutbox} in the {@code sandbox_outbox} table, linked to the chatbot that owns the number. */
@Component
public class JdbcSandboxOutbox implements SandboxOutbox {

    private static final String INSERT = """
            INSERT INTO sandbox_outbox (chatbot_id, whatsapp_phone_number_id, recipient, whatsapp_message_id, payload)
            VALUES ((SELECT id FROM chatbots WHERE whatsapp_phone_number_id = ?), ?, ?, ?, CAST(? AS jsonb))
            """;

    private final JdbcTemplate jdbc;

    public JdbcSandboxOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(String phoneNumberId, String recipient, String wamid, String payloadJson) {
        jdbc.update(INSERT, phoneNumberId, phoneNumberId, recipient, wamid, payloadJson);
    }
}
