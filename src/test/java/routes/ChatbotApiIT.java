package routes;

import static hub.ApiClient.errorCode;
import static hub.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import hub.ApiClient;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import hub.security.EncryptStoredSecrets;
import hub.security.SecretCipher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The tenant's chatbots over HTTP, and the WhatsApp access token kept encrypted at rest. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ChatbotApiIT {

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SecretCipher cipher;
    @Autowired
    EncryptStoredSecrets encryptStoredSecrets;

    Tenant acme;
    Tenant globex;
    ApiClient api;

    @BeforeEach
    void setUp() {
        acme = tenants.create("Acme " + UUID.randomUUID());
        globex = tenants.create("Globex " + UUID.randomUUID());
        api = new ApiClient(new HubHttp(port), acme.apiKey());
    }

    @Test
    void aChatbotIsCreatedWithItsTokenEncryptedAndNeverShown(CapturedOutput output) {
        String token = "EAAG" + UUID.randomUUID().toString().replace("-", "");
        String phone = uniquePhone();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Ventas");
        body.put("whatsapp_phone_number_id", phone);
        body.put("whatsapp_access_token", token);
        body.put("model_name", "gpt-4o-mini");
        body.put("system_prompt", "Eres el asistente de ventas.");
        body.put("persona", "amable");
        body.put("temperature", 0.3);
        body.put("rag_enabled", true);
        body.put("fallback_message_error", "Error, vuelve luego");
        body.put("unsupported_message", "Solo texto, por favor");

        var created = api.post("/api/chatbots", body);

        assertThat(created.statusCode()).isEqualTo(201);
        var chatbot = json(created);
        assertThat(chatbot.get("whatsapp_phone_number_id").asText()).isEqualTo(phone);
        assertThat(chatbot.get("model_name").asText()).isEqualTo("gpt-4o-mini");
        assertThat(chatbot.get("temperature").asDouble()).isEqualTo(0.3);
        assertThat(chatbot.get("rag_enabled").asBoolean()).isTrue();
        assertThat(chatbot.get("has_access_token").asBoolean()).isTrue();
        assertThat(chatbot.has("whatsapp_access_token")).isFalse();
        assertThat(created.body()).doesNotContain(token);
        String id = chatbot.get("id").asText();
        assertThat(api.get("/api/chatbots/" + id).body()).doesNotContain(token).contains("has_access_token");
        assertThat(api.get("/api/chatbots").body()).doesNotContain(token);

        String stored = jdbc.queryForObject("SELECT whatsapp_access_token FROM chatbots WHERE id = ?::uuid", String.class, id);
        assertThat(stored).as("ciphertext at rest").startsWith("v1:").doesNotContain(token);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM chatbots WHERE whatsapp_access_token LIKE ?", Integer.class,
                "%" + token + "%")).isZero();
        assertThat(cipher.decrypt(stored)).isEqualTo(token);
        assertThat(output.getAll()).as("never logged").doesNotContain(token);
    }

    @Test
    void updatesChangeOnlyWhatIsSentAndATokenIsReplacedEncrypted() {
        String id = json(api.post("/api/chatbots", Map.of("name", "Soporte", "whatsapp_phone_number_id", uniquePhone(),
                "whatsapp_access_token", "EAAG-first-secret"))).get("id").asText();

        var updated = api.patch("/api/chatbots/" + id, Map.of("system_prompt", "Nuevo prompt", "whatsapp_access_token", "EAAG-new-secret",
                "fallback_message_limit", "Sin cupo"));
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(json(updated).get("system_prompt").asText()).isEqualTo("Nuevo prompt");
        assertThat(json(updated).get("fallback_message_limit").asText()).isEqualTo("Sin cupo");
        assertThat(json(updated).get("name").asText()).isEqualTo("Soporte");
        assertThat(json(updated).get("has_access_token").asBoolean()).isTrue();
        assertThat(updated.body()).doesNotContain("EAAG-new-secret");
        assertThat(cipher.decrypt(jdbc.queryForObject("SELECT whatsapp_access_token FROM chatbots WHERE id = ?::uuid",
                String.class, id))).isEqualTo("EAAG-new-secret");
    }

    @Test
    void aChatbotsLanguageSetsItsDefaultTextsAndItsKnowledgeSearch() {
        var spanish = json(api.post("/api/chatbots", Map.of("name", "Ventas", "whatsapp_phone_number_id", uniquePhone(),
                "whatsapp_access_token", "EAAG-es")));
        assertThat(spanish.get("language").asText()).isEqualTo("es");
        assertThat(spanish.get("fallback_message_error").asText()).startsWith("Lo siento");

        var english = json(api.post("/api/chatbots", Map.of("name", "Sales", "whatsapp_phone_number_id", uniquePhone(),
                "whatsapp_access_token", "EAAG-en", "language", "en", "fallback_message_limit", "Out of credit")));
        assertThat(english.get("language").asText()).isEqualTo("en");
        assertThat(english.get("fallback_message_error").asText()).isEqualTo("Sorry, I am having technical problems. Please try again later.");
        assertThat(english.get("fallback_message_limit").asText()).isEqualTo("Out of credit");
        assertThat(english.get("unsupported_message").asText()).startsWith("Sorry, for now I can only read text messages");
        assertThat(jdbc.queryForObject("SELECT text_search_config::text FROM chatbots WHERE id = ?::uuid", String.class,
                english.get("id").asText())).isEqualTo("hub_en");

        // the defaults follow a change of language; the tenant's own texts stay
        var switched = json(api.patch("/api/chatbots/" + english.get("id").asText(), Map.of("language", "es")));
        assertThat(switched.get("fallback_message_error").asText()).startsWith("Lo siento, estoy teniendo problemas");
        assertThat(switched.get("unsupported_message").asText()).startsWith("Lo siento, por ahora solo puedo leer");
        assertThat(switched.get("fallback_message_limit").asText()).isEqualTo("Out of credit");
        assertThat(jdbc.queryForObject("SELECT text_search_config::text FROM chatbots WHERE id = ?::uuid", String.class,
                english.get("id").asText())).isEqualTo("hub_es");

        assertThat(errorCode(api.patch("/api/chatbots/" + english.get("id").asText(), Map.of("language", "spanish"))))
                .isEqualTo("invalid_field");
    }

    @Test
    void deactivatingStopsTheChatbotAsAnOperatorSwitchOff() {
        var off = api.delete("/api/chatbots/" + acme.chatbotId());
        assertThat(off.statusCode()).isEqualTo(200);
        assertThat(json(off).get("is_active").asBoolean()).isFalse();
        assertThat(json(off).get("disabled_reason").asText()).isEqualTo("operator");

        var on = api.patch("/api/chatbots/" + acme.chatbotId(), Map.of("is_active", true));
        assertThat(json(on).get("is_active").asBoolean()).isTrue();
        assertThat(json(on).has("disabled_reason")).as("no reason once active again").isFalse();
    }

    @Test
    void aPhoneNumberIdBelongsToOneChatbotOnly() {
        var taken = api.post("/api/chatbots", Map.of("name", "Copia", "whatsapp_phone_number_id", globex.phoneNumberId(),
                "whatsapp_access_token", "EAAG-sandbox"));
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(errorCode(taken)).isEqualTo("phone_number_id_taken");
        assertThat(taken.body()).doesNotContain(globex.chatbotId().toString());

        var moved = api.patch("/api/chatbots/" + acme.chatbotId(), Map.of("whatsapp_phone_number_id", globex.phoneNumberId(),
                "whatsapp_access_token", "EAAG-sandbox"));
        assertThat(moved.statusCode()).isEqualTo(409);
    }

    @Test
    void aPhoneNumberIdIsSetOnlyTogetherWithItsAccessToken() {
        var created = api.post("/api/chatbots", Map.of("name", "Sin token", "whatsapp_phone_number_id", uniquePhone()));
        assertThat(created.statusCode()).isEqualTo(400);
        assertThat(errorCode(created)).isEqualTo("missing_field");
        assertThat(created.body()).contains("whatsapp_access_token");

        var moved = api.patch("/api/chatbots/" + acme.chatbotId(), Map.of("whatsapp_phone_number_id", uniquePhone()));
        assertThat(errorCode(moved)).isEqualTo("missing_field");
        assertThat(api.patch("/api/chatbots/" + acme.chatbotId(), Map.of("whatsapp_phone_number_id", acme.phoneNumberId(),
                "name", "Mismo número")).statusCode()).as("the current number again needs no token").isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT whatsapp_phone_number_id FROM chatbots WHERE id = ?", String.class,
                acme.chatbotId())).isEqualTo(acme.phoneNumberId());
    }

    @Test
    void anotherTenantsChatbotCannotBeReadChangedOrDeactivated() {
        String foreign = "/api/chatbots/" + globex.chatbotId();
        assertThat(api.get(foreign).statusCode()).isEqualTo(404);
        assertThat(api.patch(foreign, Map.of("system_prompt", "hijacked")).statusCode()).isEqualTo(404);
        assertThat(api.delete(foreign).statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForMap("SELECT system_prompt, is_active FROM chatbots WHERE id = ?", globex.chatbotId()))
                .containsEntry("system_prompt", "You are a helpful assistant.").containsEntry("is_active", true);
        assertThat(api.patch("/api/chatbots/not-a-uuid", Map.of("name", "x")).statusCode()).isEqualTo(404);
    }

    @Test
    void badChatbotRequestsAre400WithACode() {
        assertThat(errorCode(api.post("/api/chatbots", Map.of("name", "Sin número")))).isEqualTo("missing_field");
        assertThat(errorCode(api.post("/api/chatbots", Map.of("whatsapp_phone_number_id", uniquePhone())))).isEqualTo("missing_field");
        assertThat(errorCode(api.post("/api/chatbots", Map.of("name", "x", "whatsapp_phone_number_id", "12 34")))).isEqualTo("invalid_field");
        assertThat(errorCode(api.post("/api/chatbots", Map.of("name", "x", "whatsapp_phone_number_id", uniquePhone(), "temperature", 3, "whatsapp_access_token", "EAAG-test"))))
                .isEqualTo("invalid_field");
        assertThat(errorCode(api.post("/api/chatbots", Map.of("name", "x", "whatsapp_phone_number_id", uniquePhone(), "rag_enabled", "yes", "whatsapp_access_token", "EAAG-test"))))
                .isEqualTo("invalid_field");
        assertThat(errorCode(api.post("/api/chatbots", Map.of("name", "x", "whatsapp_phone_number_id", uniquePhone(), "organization_id",
                globex.organizationId().toString())))).as("a chatbot cannot be put into another organisation").isEqualTo("unknown_field");
        assertThat(errorCode(api.patch("/api/chatbots/" + acme.chatbotId(), Map.of()))).isEqualTo("missing_field");
        assertThat(errorCode(api.post("/api/chatbots", "[1,2]"))).isEqualTo("invalid_json");
    }

    @Test
    void plaintextTokensWrittenBeforeEncryptionAreEncryptedAndStillRead() {
        jdbc.update("UPDATE chatbots SET whatsapp_access_token = 'EAAG-legacy-plaintext' WHERE id = ?", acme.chatbotId());
        String legacy = jdbc.queryForObject("SELECT whatsapp_access_token FROM chatbots WHERE id = ?", String.class, acme.chatbotId());
        assertThat(cipher.decrypt(legacy)).as("a plaintext value keeps working").isEqualTo("EAAG-legacy-plaintext");

        assertThat(encryptStoredSecrets.encryptPlaintextTokens()).isGreaterThanOrEqualTo(1);

        String stored = jdbc.queryForObject("SELECT whatsapp_access_token FROM chatbots WHERE id = ?", String.class, acme.chatbotId());
        assertThat(stored).startsWith("v1:").doesNotContain("EAAG-legacy-plaintext");
        assertThat(cipher.decrypt(stored)).isEqualTo("EAAG-legacy-plaintext");
    }

    private static String uniquePhone() {
        return String.valueOf(800_000_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000_000L));
    }
}
