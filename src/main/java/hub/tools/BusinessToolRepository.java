package hub.tools;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The statements of the business tools: leads (capture_lead, and the organisation's list and export), the
 * owner to notify and how (contact_owner, alerts, and the organisation's notification settings), the facts remembered about a
 * customer (remember_customer_info) and the handoff to a person (handoff_to_human). Always scoped to the calling chatbot or organisation.
 */
@Repository
public class BusinessToolRepository {

    // one atomic upsert per chatbot and phone: concurrent captures cannot create two leads, and a lead of
    // another chatbot (or organisation) with the same phone is never touched
    private static final String CAPTURE_LEAD = """
            INSERT INTO leads (organization_id, chatbot_id, contact_id, phone, name, email, company, estimated_messages, notes)
            SELECT c.organization_id, c.id, ?, ?, ?, ?, ?, ?, ? FROM chatbots c WHERE c.id = ? AND c.organization_id = ?
            ON CONFLICT (chatbot_id, phone) DO UPDATE
               SET name = coalesce(EXCLUDED.name, leads.name),
                   email = coalesce(EXCLUDED.email, leads.email),
                   company = coalesce(EXCLUDED.company, leads.company),
                   estimated_messages = coalesce(EXCLUDED.estimated_messages, leads.estimated_messages),
                   notes = coalesce(EXCLUDED.notes, leads.notes),
                   contact_id = coalesce(EXCLUDED.contact_id, leads.contact_id),
                   contact_count = leads.contact_count + 1
            RETURNING id, name, phone, email, company, estimated_messages, contact_count, (xmax = 0) AS inserted""";
    private static final String FIND_LEAD = """
            SELECT id, name, phone, email, company, estimated_messages, contact_count, created_at, updated_at
              FROM leads WHERE chatbot_id = ? AND organization_id = ? AND phone = ?""";
    // the organisation's first active owner, the one notifications are for
    private static final String OWNER = """
            LEFT JOIN LATERAL (SELECT full_name, email FROM users
                                WHERE organization_id = o.id AND role = 'owner' AND is_active
                                ORDER BY created_at LIMIT 1) u ON true
            """;
    private static final String OWNER_TO_NOTIFY = """
            SELECT c.name AS chatbot_name, c.language, o.name AS organization_name, o.notification_method,
                   o.slack_webhook_url, u.full_name AS owner_name, u.email AS owner_email
              FROM chatbots c
              JOIN organizations o ON o.id = c.organization_id
            """ + OWNER + """
             WHERE c.id = ? AND c.organization_id = ?""";
    private static final String LEAD_COLUMNS = """
            SELECT l.id, l.chatbot_id, c.name AS chatbot_name, l.contact_id, l.phone, l.name, l.email, l.company,
                   l.estimated_messages, l.notes, l.contact_count, l.created_at, l.updated_at
              FROM leads l JOIN chatbots c ON c.id = l.chatbot_id
             WHERE l.organization_id = ?
             ORDER BY l.updated_at DESC, l.id DESC""";
    private static final String LEADS = LEAD_COLUMNS + " LIMIT ? OFFSET ?";
    private static final String SETTINGS_COLUMNS = """
            notification_method, slack_webhook_url IS NOT NULL AS has_slack_webhook, notify_alerts, notification_email,
            notification_phone, notify_whatsapp_template, notify_whatsapp_language""";
    private static final String NOTIFICATION_SETTINGS = "SELECT " + SETTINGS_COLUMNS + " FROM organizations WHERE id = ?";
    // each setting: a null value keeps it, its flag true removes it (the webhook, the e-mail address, the number, the
    // template and its language); alerts: null keeps them as they are
    private static final String UPDATE_NOTIFICATION_SETTINGS = """
            UPDATE organizations
               SET notification_method = ?,
                   slack_webhook_url = CASE WHEN ?::boolean THEN NULL ELSE coalesce(?, slack_webhook_url) END,
                   notification_email = CASE WHEN ?::boolean THEN NULL ELSE coalesce(?, notification_email) END,
                   notification_phone = CASE WHEN ?::boolean THEN NULL ELSE coalesce(?, notification_phone) END,
                   notify_whatsapp_template = CASE WHEN ?::boolean THEN NULL ELSE coalesce(?, notify_whatsapp_template) END,
                   notify_whatsapp_language = CASE WHEN ?::boolean THEN NULL ELSE coalesce(?, notify_whatsapp_language) END,
                   notify_alerts = coalesce(?, notify_alerts)
             WHERE id = ?
            """ + "RETURNING " + SETTINGS_COLUMNS;
    // where the organisation's notifications go (for an alert: when its owner asked for alerts too), sent from and in
    // the language of the chatbot the message is about, else of the organisation's first chatbot
    private static final String CHANNEL = """
            SELECT o.notification_method, o.slack_webhook_url, coalesce(o.notification_email, u.email) AS email_to,
                   EXISTS (SELECT 1 FROM email_confirmations ec
                            WHERE ec.organization_id = o.id AND ec.email = lower(coalesce(o.notification_email, u.email))
                              AND ec.confirmed_at IS NOT NULL) AS email_confirmed,
                   o.notification_phone, o.notify_whatsapp_template, o.notify_whatsapp_language,
                   CASE WHEN s.id = ?::uuid THEN s.name END AS chatbot_name, s.language, s.whatsapp_phone_number_id,
                   s.whatsapp_access_token
              FROM organizations o
              LEFT JOIN LATERAL (SELECT id, name, language, whatsapp_phone_number_id, whatsapp_access_token FROM chatbots f
                                  WHERE f.organization_id = o.id ORDER BY f.id = ?::uuid DESC, f.created_at LIMIT 1) s ON true
            """ + OWNER + """
             WHERE o.id = ? AND (o.notify_alerts OR NOT ?::boolean)""";
    private static final String REMEMBER = """
            UPDATE contacts SET variables = variables || ?::jsonb
             WHERE id = ? AND chatbot_id = ? AND organization_id = ?""";

    // the contact goes to a person (manual mode) and waits for one; the chatbot's texts and hours say what to tell it
    private static final String HAND_OFF = """
            WITH handed AS (
                UPDATE contacts SET conversation_mode = 'manual', needs_person = true
                 WHERE id = ? AND chatbot_id = ? AND organization_id = ?
                RETURNING chatbot_id)
            SELECT c.handoff_message, c.handoff_message_closed, c.business_hours::text AS business_hours, c.time_zone
              FROM handed JOIN chatbots c ON c.id = handed.chatbot_id""";

    /** What a customer handed to a person is told: the chatbot's texts, business hours (JSON, null = always) and time zone. */
    public record HandoffSettings(String message, String messageClosed, String businessHoursJson, String timeZone) {
    }

    /** A lead after the upsert; {@code created} when it is new. */
    public record Lead(long id, String name, String phone, String email, String company, Integer estimatedMessages,
                       int contactCount, boolean created) {
    }

    /**
     * Where an organisation's notifications go: its method, its Slack webhook (stored encrypted), the e-mail address (the
     * organisation's own, else its first active owner's) and the owner's WhatsApp (any may be null), the chatbot a message
     * is about (if any) and the language to write in. {@code emailTo} is set only once the address is confirmed
     * ({@link hub.tools.EmailConfirmations}); until then it is {@code unconfirmedEmail}, which nothing but a confirmation
     * link is sent to.
     */
    public record Channel(String method, String slackWebhookUrl, String emailTo, String unconfirmedEmail,
                          WhatsAppTarget whatsapp, String chatbotName, String language) {
    }

    /**
     * The owner's WhatsApp number, the approved template that carries a notification (null: text) and its language, and
     * the number it is sent from: a chatbot's, with its access token (stored encrypted).
     */
    public record WhatsAppTarget(String to, String template, String templateLanguage, String phoneNumberId,
                                 String storedAccessToken) {
    }

    private static final RowMapper<Channel> CHANNEL_ROW = (rs, i) -> new Channel(rs.getString("notification_method"),
            rs.getString("slack_webhook_url"), rs.getBoolean("email_confirmed") ? rs.getString("email_to") : null,
            rs.getBoolean("email_confirmed") ? null : rs.getString("email_to"), new WhatsAppTarget(rs.getString("notification_phone"),
            rs.getString("notify_whatsapp_template"), rs.getString("notify_whatsapp_language"),
            rs.getString("whatsapp_phone_number_id"), rs.getString("whatsapp_access_token")),
            rs.getString("chatbot_name"), rs.getString("language"));

    /** Who to notify for a chatbot, and how; {@code ownerName}/{@code ownerEmail} are null without an owner. */
    public record OwnerContact(String chatbotName, String language, String organizationName, String notificationMethod,
                               String slackWebhookUrl, String ownerName, String ownerEmail) {
        public boolean hasOwner() {
            return ownerEmail != null;
        }
    }

    private final JdbcTemplate jdbc;

    public BusinessToolRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Lead> captureLead(UUID organizationId, UUID chatbotId, UUID contactId, String phone, String name,
                                      String email, String company, Integer estimatedMessages, String notes) {
        return jdbc.query(CAPTURE_LEAD, (rs, i) -> new Lead(rs.getLong("id"), rs.getString("name"), rs.getString("phone"),
                        rs.getString("email"), rs.getString("company"), (Integer) rs.getObject("estimated_messages"),
                        rs.getInt("contact_count"), rs.getBoolean("inserted")),
                contactId, phone, name, email, company, estimatedMessages, notes, chatbotId, organizationId).stream().findFirst();
    }

    public Optional<Map<String, Object>> findLead(UUID organizationId, UUID chatbotId, String phone) {
        return jdbc.queryForList(FIND_LEAD, chatbotId, organizationId, phone).stream().findFirst();
    }

    public Optional<OwnerContact> ownerToNotify(UUID organizationId, UUID chatbotId) {
        return jdbc.query(OWNER_TO_NOTIFY, (rs, i) -> new OwnerContact(rs.getString("chatbot_name"), rs.getString("language"),
                rs.getString("organization_name"), rs.getString("notification_method"), rs.getString("slack_webhook_url"),
                rs.getString("owner_name"), rs.getString("owner_email")), chatbotId, organizationId).stream().findFirst();
    }

    /** A page of the organisation's leads, most recently updated first, with their chatbot's name. */
    public List<Map<String, Object>> leads(UUID organizationId, int limit, int offset) {
        return jdbc.queryForList(LEADS, organizationId, limit, offset);
    }

    /** Every lead of the organisation, most recently updated first, one row at a time. */
    public void eachLead(UUID organizationId, RowCallbackHandler row) {
        jdbc.query(LEAD_COLUMNS, row, organizationId);
    }

    /** Where the organisation's notifications about the chatbot (null: none) go. */
    public Channel channel(UUID organizationId, UUID chatbotId) {
        return jdbc.queryForObject(CHANNEL, CHANNEL_ROW, chatbotId, chatbotId, organizationId, false);
    }

    /** Where the organisation's alerts about the chatbot (null: none) go; empty unless the owner asked for them. */
    public Optional<Channel> alertsChannel(UUID organizationId, UUID chatbotId) {
        return jdbc.query(CHANNEL, CHANNEL_ROW, chatbotId, chatbotId, organizationId, true).stream().findFirst();
    }

    /** The organisation's notification settings ({@code SETTINGS_COLUMNS}). */
    public Map<String, Object> notificationSettings(UUID organizationId) {
        return jdbc.queryForMap(NOTIFICATION_SETTINGS, organizationId);
    }

    /** A setting of an update: left out keeps the stored value, {@code clear} removes it, else {@code value} replaces it. */
    public record Change(boolean clear, String value) {
        public static final Change KEEP = new Change(false, null);

        /** A PATCH-like field: null left out, empty set to null (removed), else the value. */
        public static Change of(Optional<String> given) {
            return given == null ? KEEP : new Change(given.isEmpty(), given.orElse(null));
        }
    }

    /** Sets the notification method and the settings that changed; whether alerts go there too, unchanged when null. */
    public Map<String, Object> updateNotificationSettings(UUID organizationId, String method, Change slackWebhook,
                                                          Change emailTo, Change whatsappTo, Change template,
                                                          Change templateLanguage, Boolean alerts) {
        return jdbc.queryForMap(UPDATE_NOTIFICATION_SETTINGS, method, slackWebhook.clear(), slackWebhook.value(),
                emailTo.clear(), emailTo.value(), whatsappTo.clear(), whatsappTo.value(), template.clear(), template.value(),
                templateLanguage.clear(), templateLanguage.value(), alerts, organizationId);
    }

    /** Switches the contact to a person (manual, needs_person); empty when the contact is not this chatbot's. */
    public Optional<HandoffSettings> handOff(UUID organizationId, UUID chatbotId, UUID contactId) {
        return jdbc.query(HAND_OFF, (rs, i) -> new HandoffSettings(rs.getString("handoff_message"),
                rs.getString("handoff_message_closed"), rs.getString("business_hours"), rs.getString("time_zone")),
                contactId, chatbotId, organizationId).stream().findFirst();
    }

    /** Merges the facts into the contact's variables; false when the contact is not this chatbot's. */
    public boolean remember(UUID organizationId, UUID chatbotId, UUID contactId, String factsJson) {
        return jdbc.update(REMEMBER, factsJson, contactId, chatbotId, organizationId) == 1;
    }
}
