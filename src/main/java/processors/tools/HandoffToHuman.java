package processors.tools;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.ExchangeKeys;
import hub.tenant.BusinessHours;
import hub.tools.BusinessToolRepository;
import hub.tools.BusinessToolRepository.HandoffSettings;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The built-in {@code handoff_to_human} tool ({@code {reason}}): the customer goes to a person (manual mode, the
 * conversation marked as needing one), the owner is notified by the organisation's method ({@link ContactOwner}),
 * and the result carries the chatbot's handoff text for the customer — the one for business hours, or the one
 * that says when the next opening is. That text is the turn's reply; the agent answers nothing more until the
 * conversation is handed back.
 */
@Component
public class HandoffToHuman implements Processor {

    /** The result's field with what the customer is told. */
    public static final String CUSTOMER_MESSAGE = "customer_message";

    private static final Logger log = LoggerFactory.getLogger(HandoffToHuman.class);

    private final BusinessToolRepository repository;
    private final ContactOwner contactOwner;
    private final ObjectMapper mapper;
    private final Clock clock;

    public HandoffToHuman(BusinessToolRepository repository, ContactOwner contactOwner, ObjectMapper mapper,
                          org.springframework.beans.factory.ObjectProvider<Clock> clock) {
        this.repository = repository;
        this.contactOwner = contactOwner;
        this.mapper = mapper;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        exchange.getMessage().setBody(mapper.writeValueAsString(handOff(exchange)));
    }

    private Map<String, Object> handOff(Exchange exchange) throws Exception {
        Map<?, ?> args = exchange.getIn().getBody(Map.class);
        String reason = args != null && args.get("reason") instanceof String r && !r.isBlank() ? r.strip() : null;
        if (reason == null) {
            return Map.of("error", "handoff_to_human needs a 'reason': why a person is needed");
        }
        UUID contactId = exchange.getIn().getHeader(ExchangeKeys.CONTACT_ID, UUID.class);
        HandoffSettings settings = contactId == null ? null : repository.handOff(
                exchange.getIn().getHeader(ExchangeKeys.ORGANIZATION_ID, UUID.class),
                exchange.getIn().getHeader(ExchangeKeys.CHATBOT_ID, UUID.class), contactId).orElse(null);
        if (settings == null) {
            return Map.of("error", "There is no customer in this conversation to hand to a person");
        }
        Map<String, String> hours = settings.businessHoursJson() == null ? null
                : mapper.readValue(settings.businessHoursJson(), new TypeReference<Map<String, String>>() { });
        String told = BusinessHours.of(hours, settings.timeZone())
                .handoffText(clock.instant(), settings.message(), settings.messageClosed());
        Map<String, Object> notified = contactOwner.notifyOwner(exchange, "A customer needs a person: " + reason, null, "high");
        if (!Boolean.TRUE.equals(notified.get("success"))) {
            log.info("handoff_to_human: the owner was not notified: {}", notified.get("error"));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("success", true);
        result.put("handed_to_person", true);
        result.put("owner_notified", Boolean.TRUE.equals(notified.get("success")));
        result.put(CUSTOMER_MESSAGE, told);
        result.put("note", "The customer is told the text above as your reply; do not add anything.");
        return result;
    }
}
