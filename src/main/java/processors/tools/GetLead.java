package processors.tools;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.ExchangeKeys;
import hub.tools.BusinessToolRepository;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The {@code get_lead} route tool (seed MCP-L4, scoped to the chatbot): what {@code capture_lead} saved about
 * the writing customer, {@code {found, lead{...}}}; without a customer (the organisation's tool test) the lead of
 * the {@code phone} argument. A conversation can never read another customer's lead.
 */
@Component
public record GetLead(BusinessToolRepository repository, ObjectMapper mapper) implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        Map<?, ?> args = exchange.getIn().getBody(Map.class);
        String phone = CaptureLead.leadPhone(exchange, args == null ? Map.of() : args);
        Map<String, Object> result = new LinkedHashMap<>();
        if (phone == null) {
            result.put("error", CaptureLead.PHONE_REQUIRED);
        } else {
            repository.findLead(exchange.getIn().getHeader(ExchangeKeys.ORGANIZATION_ID, UUID.class),
                    exchange.getIn().getHeader(ExchangeKeys.CHATBOT_ID, UUID.class), phone).ifPresentOrElse(lead -> {
                        Map<String, Object> found = new LinkedHashMap<>();
                        found.put("nombre", lead.get("name"));
                        found.put("telefono", lead.get("phone"));
                        found.put("email", lead.get("email"));
                        found.put("empresa", lead.get("company"));
                        found.put("mensajes_estimados", lead.get("estimated_messages"));
                        found.put("veces_contactado", lead.get("contact_count"));
                        found.put("primer_contacto", instant(lead.get("created_at")));
                        found.put("ultimo_contacto", instant(lead.get("updated_at")));
                        result.put("found", true);
                        result.put("lead", found);
                    }, () -> {
                        result.put("found", false);
                        result.put("mensaje", "No se encontró información de este contacto");
                    });
        }
        exchange.getMessage().setBody(mapper.writeValueAsString(result));
    }

    private static String instant(Object value) {
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        return value == null ? null : value.toString();
    }
}
