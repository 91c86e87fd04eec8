package processors.tools;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.ExchangeKeys;
import hub.tools.BusinessToolRepository;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The built-in {@code remember_customer_info} tool: stores a fact the customer told ({@code key} and
 * {@code value}, or any string arguments) in the contact's variables, so the "Known Info" of the next
 * prompts carries it. Only the writing customer's own contact is written (the verified sender, never one
 * named in the arguments), and the result shows only the facts given.
 */
@Component
public record RememberCustomerInfo(BusinessToolRepository repository, ObjectMapper mapper) implements Processor {

    private static final int MAX_VALUE = 500;

    @Override
    public void process(Exchange exchange) throws Exception {
        UUID contactId = exchange.getIn().getHeader(ExchangeKeys.CONTACT_ID, UUID.class);
        Map<String, Object> facts = facts(exchange.getIn().getBody(Map.class));
        Map<String, Object> result = new LinkedHashMap<>();
        if (contactId == null) {
            result.put("error", "There is no customer in this conversation to remember anything about");
        } else if (facts.isEmpty()) {
            result.put("error", "remember_customer_info needs a 'key' and a 'value'");
        } else if (repository.remember(exchange.getIn().getHeader(ExchangeKeys.ORGANIZATION_ID, UUID.class),
                exchange.getIn().getHeader(ExchangeKeys.CHATBOT_ID, UUID.class), contactId, mapper.writeValueAsString(facts))) {
            result.put("success", true);
            result.put("remembered", facts);
        } else {
            result.put("error", "The customer could not be found");
        }
        exchange.getMessage().setBody(mapper.writeValueAsString(result));
    }

    static Map<String, Object> facts(Map<?, ?> arguments) {
        Map<String, Object> facts = new LinkedHashMap<>();
        if (arguments == null) {
            return facts;
        }
        if (arguments.get("key") instanceof String key && arguments.get("value") != null) {
            put(facts, key, arguments.get("value").toString());
        } else {
            arguments.forEach((k, v) -> {
                if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                    put(facts, String.valueOf(k), v.toString());
                }
            });
        }
        return facts;
    }

    private static void put(Map<String, Object> facts, String key, String value) {
        String name = key.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_+|_+$", "");
        String text = value.strip();
        if (!name.isEmpty() && !text.isEmpty() && name.length() <= 64) {
            facts.put(name, text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE) : text);
        }
    }
}
