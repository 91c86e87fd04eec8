package processors.tools;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.ExchangeKeys;
import hub.tools.BusinessToolRepository;
import hub.tools.BusinessToolRepository.Lead;
import hub.whatsapp.Recipient;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The {@code capture_lead} route tool (seed MCP-L1..L3, without its cross-tenant lookup and race):
 * one lead per chatbot and phone, created or updated in one atomic upsert; an update keeps the values
 * not given again and counts the contact. In a conversation the lead is always the writing customer's
 * own (their verified WhatsApp number and contact): a {@code phone} argument never picks another lead,
 * it is only kept in the notes as another number to reach them on. Without a customer (the tool test
 * API of the organisation itself) the {@code phone} argument names the lead.
 */
@Component
public record CaptureLead(BusinessToolRepository repository, ObjectMapper mapper) implements Processor {

    static final String PHONE_REQUIRED = "El número de teléfono es requerido";

    @Override
    public void process(Exchange exchange) throws Exception {
        Map<?, ?> args = exchange.getIn().getBody(Map.class);
        args = args == null ? Map.of() : args;
        UUID contactId = exchange.getIn().getHeader(ExchangeKeys.CONTACT_ID, UUID.class);
        String givenPhone = normalized(text(args.get("phone")));
        String phone = leadPhone(exchange, args);
        if (phone == null) {
            exchange.getMessage().setBody(mapper.writeValueAsString(Map.of("error", PHONE_REQUIRED)));
            return;
        }
        String notes = text(args.get("notes"));
        if (contactId != null && givenPhone != null && !givenPhone.equals(phone)) {
            notes = (notes == null ? "" : notes + "\n") + "Otro teléfono de contacto indicado: " + givenPhone;
        }
        Lead lead = repository.captureLead(exchange.getIn().getHeader(ExchangeKeys.ORGANIZATION_ID, UUID.class),
                exchange.getIn().getHeader(ExchangeKeys.CHATBOT_ID, UUID.class), contactId, phone,
                text(args.get("name")), text(args.get("email")), text(args.get("company")),
                count(args.get("estimated_messages")), notes).orElse(null);
        if (lead == null) {
            exchange.getMessage().setBody(mapper.writeValueAsString(Map.of("error", "Chatbot not found")));
            return;
        }
        Map<String, Object> saved = new LinkedHashMap<>();
        saved.put("id", String.valueOf(lead.id()));
        saved.put("nombre", lead.name());
        saved.put("telefono", lead.phone());
        saved.put("email", lead.email());
        saved.put("empresa", lead.company());
        saved.put("mensajes_estimados", lead.estimatedMessages());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("success", true);
        if (lead.created()) {
            result.put("action", "creado");
            result.put("mensaje", "Lead guardado exitosamente. Un representante te contactará pronto.");
        } else {
            saved.put("veces_contactado", lead.contactCount());
            result.put("action", "actualizado");
            result.put("mensaje", "Lead actualizado exitosamente. Este contacto ha interactuado " + lead.contactCount() + " veces.");
        }
        result.put("lead", saved);
        exchange.getMessage().setBody(mapper.writeValueAsString(result));
    }

    static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        return text.isEmpty() ? null : text;
    }

    /**
     * The phone of the lead a tool call is about: in a conversation the writing customer's own, otherwise
     * (the organisation's tool test) the {@code phone} argument; null when there is none.
     */
    static String leadPhone(Exchange exchange, Map<?, ?> args) {
        return exchange.getIn().getHeader(ExchangeKeys.CONTACT_ID) != null
                ? normalized(exchange.getIn().getHeader(ExchangeKeys.CUSTOMER_PHONE, String.class))
                : normalized(text(args.get("phone")));
    }

    /**
     * Only the digits of a phone number, so "+52 55 1234-5678" and "525512345678" are the same lead; a
     * business-scoped user id (a customer known by a username) as it came.
     */
    static String normalized(String phone) {
        Recipient recipient = Recipient.of(phone);
        return recipient == null ? null : recipient.address();
    }

    private static Integer count(Object value) {
        if (value instanceof Number n && n.longValue() > 0) {
            return (int) Math.min(Integer.MAX_VALUE, n.longValue());
        }
        if (value instanceof String s && s.strip().matches("\\d{1,9}") && Integer.parseInt(s.strip()) > 0) {
            return Integer.parseInt(s.strip());
        }
        return null;
    }
}
