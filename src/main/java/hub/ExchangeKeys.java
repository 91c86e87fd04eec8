package hub;

/**
 * Names of the Camel headers and exchange properties that several routes, processors and beans share:
 * who a request or tool call is for. One place, so a route and the code it calls cannot disagree on a name.
 */
public final class ExchangeKeys {

    /** Property of a tenant API request: the organisation of the authenticated API key. Header of a tool call. */
    public static final String ORGANIZATION_ID = "hubOrganizationId";
    public static final String CHATBOT_ID = "hubChatbotId";
    public static final String CONTACT_ID = "hubContactId";
    public static final String CUSTOMER_PHONE = "hubCustomerPhone";
    public static final String CUSTOMER_NAME = "hubCustomerName";
    public static final String INTEGRATION_ID = "hubIntegrationId";
    public static final String TOOL_NAME = "hubToolName";
    public static final String TOOL_TYPE = "hubToolType";
    public static final String TOOL_CONFIG = "hubToolConfig";
    /** The route tool's name: {@code direct:tool-<name>} runs it. */
    public static final String TOOL_ROUTE = "hubToolRoute";

    /** Property of a turn: the alerts its checks raised, sent to {@code direct:alert} when it ends. */
    public static final String ALERTS = "hubAlerts";
    /** Property of an ingestion: the document extracted from the stored file or the fetched page. */
    public static final String EXTRACTED_DOCUMENT = "hubExtractedDocument";

    private ExchangeKeys() {
    }
}
