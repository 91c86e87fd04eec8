package hub.tools;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.ExchangeKeys;
import hub.Json;
import hub.alerts.Alert;
import hub.config.HubProperties;
import hub.conversation.Chatbot;
import hub.conversation.Customer;
import hub.conversation.ToolExecution;
import hub.conversation.ToolExecutor;
import hub.conversation.ToolSpec;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the LLM's tool calls through {@code direct:tool-dispatch}, the content-based router by tool type,
 * on behalf of one chatbot and customer. Whatever happens, the call becomes a {@link ToolExecution}: a
 * tool's error is the tool's result for the LLM, never an exception in the loop. Calls to an integration
 * (route, http, mcp) go through its circuit breaker; the call that opens it raises a TOOL_FAILURE alert.
 */
@Component
public record ToolDispatcher(ProducerTemplate producer, ObjectMapper mapper, ToolCircuitBreakers breakers,
                             HubProperties hub) {

    private static final Logger log = LoggerFactory.getLogger(ToolDispatcher.class);

    /** Who a tool runs for: the chatbot and its organisation, and the customer when there is one. */
    public record Caller(UUID organizationId, UUID chatbotId, UUID contactId, String customerPhone, String customerName) {
    }

    public ToolExecutor forConversation(Chatbot chatbot, Customer customer) {
        Caller caller = new Caller(chatbot.organizationId(), chatbot.id(), customer == null ? null : customer.contactId(),
                customer == null ? null : customer.phone(), customer == null ? null : customer.name());
        return (tool, arguments, iteration) -> execute(caller, tool, arguments, iteration);
    }

    public ToolExecution execute(Caller caller, ToolSpec tool, Map<String, Object> arguments, int iteration) {
        long start = System.nanoTime();
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        CircuitBreaker breaker = tool.integrationId() != null && !ToolKind.BUILTIN.value().equals(tool.type())
                ? breakers.of(tool.integrationId()) : null;
        if (breaker != null && !breaker.tryAcquirePermission()) {
            String error = "Tool '" + tool.name() + "' is temporarily unavailable: its server failed repeatedly. "
                    + "Answer without it or try again later.";
            return new ToolExecution(tool.name(), tool.type(), tool.integrationId(), args,
                    Json.write(mapper, Map.of("error", error)), "failed", error, elapsedMs(start), iteration);
        }
        CircuitBreaker.State before = breaker == null ? null : breaker.getState();
        String result;
        String status;
        String error = null;
        try {
            result = producer.requestBodyAndHeaders("direct:tool-dispatch", args, headers(caller, tool), String.class);
            status = failed(result) ? "failed" : "success";
            if (status.equals("failed")) {
                error = errorOf(result);
            }
            if (breaker != null) {
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        } catch (Exception e) {
            Throwable cause = rootCause(e);
            boolean timeout = timedOut(cause);
            status = timeout ? "timeout" : "failed";
            error = timeout ? "Tool '" + tool.name() + "' timed out" : outside(cause) ? message(cause) : inside(tool, e);
            result = Json.write(mapper, Map.of("error", error));
            if (breaker != null) {
                if (timeout || cause instanceof ToolUnavailableException || cause instanceof java.io.IOException) {
                    breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, cause);
                } else {
                    breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                }
            }
        }
        if (breaker != null && before != CircuitBreaker.State.OPEN && breaker.getState() == CircuitBreaker.State.OPEN) {
            raiseCircuitOpen(caller, tool, error);
        }
        return new ToolExecution(tool.name(), tool.type(), tool.integrationId(), args, limit(result), status, error,
                elapsedMs(start), iteration);
    }

    private Map<String, Object> headers(Caller caller, ToolSpec tool) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(ExchangeKeys.TOOL_NAME, tool.name());
        headers.put(ExchangeKeys.TOOL_TYPE, tool.type());
        headers.put(ExchangeKeys.TOOL_CONFIG, tool.config() == null ? Map.of() : tool.config());
        headers.put(ExchangeKeys.CHATBOT_ID, caller.chatbotId());
        headers.put(ExchangeKeys.ORGANIZATION_ID, caller.organizationId());
        if (ToolKind.ROUTE.value().equals(tool.type())) {
            headers.put(ExchangeKeys.TOOL_ROUTE, tool.config() != null && tool.config().get("route") instanceof String route
                    ? route : tool.name());
        }
        if (tool.integrationId() != null) {
            headers.put(ExchangeKeys.INTEGRATION_ID, tool.integrationId());
        }
        if (caller.contactId() != null) {
            headers.put(ExchangeKeys.CONTACT_ID, caller.contactId());
        }
        if (caller.customerPhone() != null) {
            headers.put(ExchangeKeys.CUSTOMER_PHONE, caller.customerPhone());
        }
        if (caller.customerName() != null) {
            headers.put(ExchangeKeys.CUSTOMER_NAME, caller.customerName());
        }
        return headers;
    }

    private void raiseCircuitOpen(Caller caller, ToolSpec tool, String lastError) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("integration_id", tool.integrationId().toString());
        metadata.put("tool", tool.name());
        metadata.put("tool_type", tool.type());
        if (lastError != null) {
            metadata.put("detail", lastError.length() > 300 ? lastError.substring(0, 300) : lastError);
        }
        try {
            producer.sendBody("direct:alert", new Alert(caller.organizationId(), caller.chatbotId(), Alert.Reason.TOOL_PAUSED,
                    Alert.Severity.ERROR,
                    "Tool '" + tool.name() + "' (" + tool.type() + ") failed repeatedly; its integration is paused and the "
                            + "agent answers without it for now", metadata, "tool-circuit-open:" + tool.integrationId()));
        } catch (RuntimeException e) {
            log.warn("TOOL_FAILURE alert for integration {} could not be raised: {}", tool.integrationId(), e.getMessage());
        }
    }

    /** A tool failed when its result has an error, or says success:false (also with HTTP 200). */
    private boolean failed(String result) {
        JsonNode node = parse(result);
        return node != null && node.isObject()
                && (node.hasNonNull("error") || (node.has("success") && !node.get("success").asBoolean(true)));
    }

    private String errorOf(String result) {
        JsonNode node = parse(result);
        if (node != null && node.hasNonNull("error")) {
            return node.get("error").isTextual() ? node.get("error").asText() : node.get("error").toString();
        }
        return node != null && node.hasNonNull("message") ? node.get("message").asText() : "the tool reported a failure";
    }

    /** An answer over {@code hub.tools.max-result-chars} is cut, and the LLM is told so. */
    private String limit(String result) {
        int max = hub.tools().maxResultChars();
        if (result == null || result.length() <= max) {
            return result;
        }
        return Json.write(mapper, Map.of("result", result.substring(0, max),
                "note", "The tool's answer was cut at " + max + " characters"));
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while ((t instanceof org.apache.camel.CamelExecutionException || t instanceof org.apache.camel.RuntimeCamelException
                || t instanceof java.util.concurrent.CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean timedOut(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if ((t instanceof hub.outbound.OutboundException outbound && outbound.isTimeout())
                    || t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    // what failed outside the hub (a tool server, an MCP server, the network) is told as it is
    private static boolean outside(Throwable cause) {
        return cause instanceof ToolUnavailableException || cause instanceof java.io.IOException
                || cause instanceof hub.outbound.OutboundException;
    }

    // what failed inside the hub is logged; the agent, the inbox and the tool test are told no more than that
    private static String inside(ToolSpec tool, Exception e) {
        log.error("Tool {} ({}) failed inside the hub", tool.name(), tool.type(), e);
        return "Tool '" + tool.name() + "' failed inside the hub";
    }

    private static String message(Throwable cause) {
        return cause.getMessage() == null || cause.getMessage().isBlank() ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static long elapsedMs(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private JsonNode parse(String result) {
        try {
            return result == null ? null : mapper.readTree(result);
        } catch (Exception e) {
            return null;
        }
    }
}
