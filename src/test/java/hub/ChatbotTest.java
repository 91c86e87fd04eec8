package hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import hub.Tenants.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A tenant's chatbot on the whole hub ({@link IntegrationTest}). Each test gets a new organisation whose chatbot
 * answers with gpt-4o-mini and holds a WhatsApp access token, an API client of that organisation and the number
 * of a new customer. The test class puts WireMock in the place of Meta and the LLM with a static {@link FakeOutside}.
 */
@IntegrationTest
public abstract class ChatbotTest {

    /** The chatbot's WhatsApp access token, which the hub shows Meta. */
    protected static final String ACCESS_TOKEN = "EAAG-test";

    @LocalServerPort
    protected int port;
    @Autowired
    protected Tenants tenants;
    @Autowired
    protected JdbcTemplate jdbc;

    protected HubHttp http;
    protected Tenant tenant;
    protected ApiClient api;
    protected String customer;

    @BeforeEach
    void newTenantWithAConnectedChatbot() {
        http = new HubHttp(port);
        tenant = tenants.create(getClass().getSimpleName() + " " + UUID.randomUUID());
        jdbc.update("UPDATE chatbots SET model_name = 'gpt-4o-mini', whatsapp_access_token = ? WHERE id = ?", ACCESS_TOKEN,
                tenant.chatbotId());
        api = new ApiClient(http, tenant.apiKey());
        customer = newCustomerNumber();
    }

    /**
     * Posts the customer's message of any type through the webhook: {@code messageTemplate} is the message object with
     * {@code %1$s} for the sender and {@code %2$s} for the wamid. Returns the wamid.
     */
    protected String sendRaw(String messageTemplate) {
        String wamid = "wamid.in." + UUID.randomUUID();
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"1","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Test"},"wa_id":"%s"}],"messages":[%s]}}]}]}"""
                .formatted(tenant.phoneNumberId(), customer, messageTemplate.formatted(customer, wamid));
        assertThat(http.postSignedWebhook(body).statusCode()).isEqualTo(200);
        return wamid;
    }

    /**
     * Gives the chatbot an HTTP tool {@code check_stock} ({@code {"sku"}}) served at {@code serverUrl}; its calls go to
     * {@code serverUrl + "/tools/check_stock"}. Returns the integration's id.
     */
    protected UUID addStockTool(String serverUrl) {
        UUID integration = jdbc.queryForObject("""
                INSERT INTO org_integrations (organization_id, provider, name, description, config) VALUES (?, 'http', 'check_stock',
                'Checks the stock of a product', ?::jsonb) RETURNING id""", UUID.class, tenant.organizationId(),
                "{\"server_url\":\"" + serverUrl + "\",\"parameters\":{\"type\":\"object\",\"properties\":"
                        + "{\"sku\":{\"type\":\"string\"}},\"required\":[\"sku\"]}}");
        jdbc.update("INSERT INTO chatbot_integrations (organization_id, chatbot_id, integration_id) VALUES (?, ?, ?)",
                tenant.organizationId(), tenant.chatbotId(), integration);
        return integration;
    }

    /** The WhatsApp number of a customer no other test has: a Mexican mobile, 521 and ten digits. */
    protected static String newCustomerNumber() {
        return "521" + (1_000_000_000L + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 8_999_999_999L));
    }
}
