package hub.tools;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import hub.ExchangeKeys;
import org.apache.camel.Message;

/**
 * The headers of a call to an organisation's HTTP tool server or MCP server. The hub sets who the call
 * is for (the chatbot and the verified customer who is writing), so a tool server can scope by them; the
 * {@code X-Hub-} names belong to the hub: an integration's credential header of such a name is never
 * sent, and neither the credentials nor the LLM's arguments can replace them.
 */
public final class ToolCallHeaders {

    public static final String CHATBOT_ID = "X-Hub-Chatbot-Id";
    public static final String CONTACT_ID = "X-Hub-Contact-Id";
    public static final String CUSTOMER_PHONE = "X-Hub-Customer-Phone";
    private static final String HUB_PREFIX = "x-hub-";

    private ToolCallHeaders() {
    }

    /** The integration's credential headers, without any of the hub's own names. */
    public static Map<String, String> credentials(Map<String, String> stored) {
        Map<String, String> headers = new LinkedHashMap<>();
        stored.forEach((name, value) -> {
            if (!name.toLowerCase(Locale.ROOT).startsWith(HUB_PREFIX)) {
                headers.put(name, value);
            }
        });
        return headers;
    }

    /** The {@link #credentials(Map) credential headers} of the integration the call goes to. */
    public static Map<String, String> credentials(Message call, IntegrationRepository integrations) {
        return credentials(integrations.credentialHeaders(call.getHeader(ExchangeKeys.ORGANIZATION_ID, UUID.class),
                call.getHeader(ExchangeKeys.INTEGRATION_ID, UUID.class)));
    }

    /** Who the call is for, from the headers {@link ToolDispatcher} set: only those it knows. */
    public static Map<String, String> identity(Message call) {
        Map<String, String> headers = new LinkedHashMap<>();
        put(headers, CHATBOT_ID, call.getHeader(ExchangeKeys.CHATBOT_ID));
        put(headers, CONTACT_ID, call.getHeader(ExchangeKeys.CONTACT_ID));
        put(headers, CUSTOMER_PHONE, call.getHeader(ExchangeKeys.CUSTOMER_PHONE));
        return headers;
    }

    /** A tool on its server: its name there ({@code config.tool}, else the name the LLM called) and the server's URL. */
    public record Remote(String tool, String url) {
    }

    /** The called tool on the integration's server; {@code url} is null when the integration has no {@code server_url}. */
    public static Remote remote(Message call) {
        Map<?, ?> config = call.getHeader(ExchangeKeys.TOOL_CONFIG, Map.class);
        String tool = config != null && config.get("tool") instanceof String name ? name
                : call.getHeader(ExchangeKeys.TOOL_NAME, String.class);
        String url = config != null && config.get("server_url") instanceof String u && !u.isBlank() ? u : null;
        return new Remote(tool, url);
    }

    private static void put(Map<String, String> headers, String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            headers.put(name, value.toString());
        }
    }
}
