package hub.tenant;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.conversation.HubTexts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenant's chatbot statements, every one scoped by organisation. The WhatsApp access token is
 * written as ciphertext (the caller encrypts it) and never read back for the API: views say only
 * whether a token is set.
 */
@Repository
public class ChatbotRepository {

    static final String VIEW_COLUMNS = """
            SELECT id, name, description, whatsapp_phone_number_id, whatsapp_business_account_id,
                   whatsapp_display_phone_number, whatsapp_access_token IS NOT NULL AS has_access_token,
                   model_name, system_prompt, persona, temperature, rag_enabled, is_active, disabled_reason,
                   fallback_message_error, fallback_message_limit, unsupported_message, please_write_message, language,
                   handoff_message, handoff_message_closed, business_hours::text AS business_hours, time_zone,
                   created_at, updated_at
              FROM chatbots""";
    private static final String FIND = VIEW_COLUMNS + " WHERE organization_id = ? AND id = ?";
    private static final String LIST = VIEW_COLUMNS + " WHERE organization_id = ? ORDER BY created_at, id";
    private static final String INSERT = """
            INSERT INTO chatbots (organization_id, name, description, whatsapp_phone_number_id, whatsapp_business_account_id,
                                  whatsapp_display_phone_number, whatsapp_access_token, model_name, system_prompt, persona,
                                  temperature, rag_enabled, fallback_message_error, fallback_message_limit, unsupported_message,
                                  please_write_message, language)
            VALUES (?, ?, ?, ?, ?, ?, ?, coalesce(?, 'gemini-3-flash-preview'), coalesce(?, 'You are a helpful assistant.'),
                    coalesce(?, ''), coalesce(?, 0.7), coalesce(?, false), ?, ?, ?,
                    coalesce(?, 'Ahora mismo no puedo escuchar tu nota de voz ni abrir tu archivo. ¿Podrías escribirme tu pregunta? / I can''t listen to your voice note or open your file right now. Could you type your question?'),
                    ?)
            RETURNING id""";
    // is_active = true clears disabled_reason (trigger); false without a reason is an operator's switch-off
    private static final String UPDATE = """
            UPDATE chatbots
               SET name = coalesce(?, name), description = coalesce(?, description),
                   whatsapp_phone_number_id = coalesce(?, whatsapp_phone_number_id),
                   whatsapp_business_account_id = coalesce(?, whatsapp_business_account_id),
                   whatsapp_display_phone_number = coalesce(?, whatsapp_display_phone_number),
                   whatsapp_access_token = coalesce(?, whatsapp_access_token),
                   model_name = coalesce(?, model_name), system_prompt = coalesce(?, system_prompt),
                   persona = coalesce(?, persona), temperature = coalesce(?, temperature),
                   rag_enabled = coalesce(?, rag_enabled),
                   fallback_message_error = coalesce(?, fallback_message_error),
                   fallback_message_limit = coalesce(?, fallback_message_limit),
                   unsupported_message = coalesce(?, unsupported_message),
                   please_write_message = coalesce(?, please_write_message),
                   language = coalesce(?, language),
                   is_active = coalesce(?, is_active),
                   disabled_reason = CASE WHEN ?::boolean = false THEN 'operator' ELSE disabled_reason END
             WHERE organization_id = ? AND id = ?""";
    // business_hours is set (also to null: a person answers at any time) only when the first parameter says so
    private static final String UPDATE_HANDOFF = """
            UPDATE chatbots
               SET handoff_message = coalesce(?, handoff_message),
                   handoff_message_closed = coalesce(?, handoff_message_closed),
                   business_hours = CASE WHEN ?::boolean THEN ?::jsonb ELSE business_hours END,
                   time_zone = coalesce(?, time_zone)
             WHERE organization_id = ? AND id = ?""";
    private static final String GRAPH_ACCESS = """
            SELECT whatsapp_business_account_id, whatsapp_access_token FROM chatbots WHERE organization_id = ? AND id = ?""";
    private static final String FIND_ANY = VIEW_COLUMNS + " WHERE id = ?";
    private static final String ASSIGN_NUMBER = """
            UPDATE chatbots
               SET whatsapp_phone_number_id = ?, whatsapp_access_token = coalesce(?, whatsapp_access_token),
                   whatsapp_business_account_id = coalesce(?, whatsapp_business_account_id),
                   whatsapp_display_phone_number = coalesce(?, whatsapp_display_phone_number)
             WHERE id = ?""";
    private static final String DEACTIVATE = """
            UPDATE chatbots SET is_active = false, disabled_reason = 'operator' WHERE organization_id = ? AND id = ?""";

    /** The chatbot's WhatsApp Business Account id and stored (encrypted) access token, for Graph API reads. */
    public record GraphAccess(String businessAccountId, String storedAccessToken) {
    }

    /** What a tenant sets on a chatbot; null = default (create) or unchanged (update). The token is ciphertext. */
    public record ChatbotFields(String name, String description, String phoneNumberId, String businessAccountId,
                                String displayPhoneNumber, String encryptedAccessToken, String modelName,
                                String systemPrompt, String persona, BigDecimal temperature, Boolean ragEnabled,
                                String fallbackMessageError, String fallbackMessageLimit, String unsupportedMessage,
                                String pleaseWriteMessage, String language, Boolean active, Handoff handoff) {

        /** Nothing to change. */
        public static final ChatbotFields NONE = new ChatbotFields(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, Handoff.NONE);

        /** The fallback and unsupported texts, where null, from {@code texts}. */
        public ChatbotFields withTexts(HubTexts texts) {
            return new ChatbotFields(name, description, phoneNumberId, businessAccountId, displayPhoneNumber,
                    encryptedAccessToken, modelName, systemPrompt, persona, temperature, ragEnabled,
                    fallbackMessageError == null ? texts.fallbackError() : fallbackMessageError,
                    fallbackMessageLimit == null ? texts.fallbackLimit() : fallbackMessageLimit,
                    unsupportedMessage == null ? texts.unsupported() : unsupportedMessage, pleaseWriteMessage, language, active,
                    handoff);
        }
    }

    /**
     * The handoff settings; null = default or unchanged. {@code businessHoursJson} is written only when
     * {@code setBusinessHours} (null then means a person answers at any time).
     */
    public record Handoff(String message, String messageClosed, boolean setBusinessHours, String businessHoursJson,
                          String timeZone) {

        public static final Handoff NONE = new Handoff(null, null, false, null, null);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    public ChatbotRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the phone number id is taken */
    @Transactional
    public UUID create(UUID organizationId, ChatbotFields f) {
        UUID id = jdbc.queryForObject(INSERT, UUID.class, organizationId, f.name(), f.description(), f.phoneNumberId(),
                f.businessAccountId(), f.displayPhoneNumber(), f.encryptedAccessToken(), f.modelName(), f.systemPrompt(),
                f.persona(), f.temperature(), f.ragEnabled(), f.fallbackMessageError(), f.fallbackMessageLimit(),
                f.unsupportedMessage(), f.pleaseWriteMessage(), f.language() == null ? "es" : f.language());
        updateHandoff(organizationId, id, f.handoff());
        return id;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the phone number id is taken */
    @Transactional
    public boolean update(UUID organizationId, UUID chatbotId, ChatbotFields f) {
        return jdbc.update(UPDATE, f.name(), f.description(), f.phoneNumberId(), f.businessAccountId(),
                f.displayPhoneNumber(), f.encryptedAccessToken(), f.modelName(), f.systemPrompt(), f.persona(),
                f.temperature(), f.ragEnabled(), f.fallbackMessageError(), f.fallbackMessageLimit(),
                f.unsupportedMessage(), f.pleaseWriteMessage(), f.language(), f.active(), f.active(), organizationId,
                chatbotId) > 0
                && updateHandoff(organizationId, chatbotId, f.handoff());
    }

    private boolean updateHandoff(UUID organizationId, UUID chatbotId, Handoff h) {
        return h.equals(Handoff.NONE) || jdbc.update(UPDATE_HANDOFF, h.message(), h.messageClosed(), h.setBusinessHours(),
                h.businessHoursJson(), h.timeZone(), organizationId, chatbotId) > 0;
    }

    /**
     * The operator's assignment of a WhatsApp number to any organisation's chatbot (no ownership check).
     *
     * @throws org.springframework.dao.DuplicateKeyException when the phone number id is taken
     */
    public boolean assignNumber(UUID chatbotId, String phoneNumberId, String encryptedAccessToken,
                                String businessAccountId, String displayPhoneNumber) {
        return jdbc.update(ASSIGN_NUMBER, phoneNumberId, encryptedAccessToken, businessAccountId, displayPhoneNumber,
                chatbotId) > 0;
    }

    /** Any organisation's chatbot, for the operator. */
    public Optional<Map<String, Object>> findAny(UUID chatbotId) {
        return jdbc.queryForList(FIND_ANY, chatbotId).stream().findFirst().map(ChatbotRepository::view);
    }

    public Optional<GraphAccess> graphAccess(UUID organizationId, UUID chatbotId) {
        return jdbc.query(GRAPH_ACCESS, (rs, i) -> new GraphAccess(rs.getString("whatsapp_business_account_id"),
                rs.getString("whatsapp_access_token")), organizationId, chatbotId).stream().findFirst();
    }

    public boolean deactivate(UUID organizationId, UUID chatbotId) {
        return jdbc.update(DEACTIVATE, organizationId, chatbotId) > 0;
    }

    public Optional<Map<String, Object>> find(UUID organizationId, UUID chatbotId) {
        return jdbc.queryForList(FIND, organizationId, chatbotId).stream().findFirst().map(ChatbotRepository::view);
    }

    public List<Map<String, Object>> list(UUID organizationId) {
        return jdbc.queryForList(LIST, organizationId).stream().map(ChatbotRepository::view).toList();
    }

    /** The row as the API shows it: business hours as an object. */
    private static Map<String, Object> view(Map<String, Object> row) {
        Object hours = row.get("business_hours");
        if (hours instanceof String json) {
            try {
                row.put("business_hours", JSON.readValue(json, new TypeReference<Map<String, String>>() { }));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("chatbots.business_hours is not an object of texts", e);
            }
        }
        return row;
    }
}
