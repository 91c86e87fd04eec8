package processors.tools;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.ExchangeKeys;
import hub.conversation.InteractiveReply;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The built-in {@code send_buttons} and {@code send_list} tools: checks the buttons or list against Meta's limits
 * and tells the model what is wrong, or that the message is its reply. The message itself goes out as the turn's
 * reply (instead of the model's text), like any reply.
 */
@Component
public record SendInteractive(ObjectMapper mapper) implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        String tool = exchange.getIn().getHeader(ExchangeKeys.TOOL_NAME, String.class);
        Map<String, Object> result;
        try {
            InteractiveReply reply = InteractiveReply.of(tool, exchange.getIn().getBody(Map.class));
            result = Map.of("success", true, "note", "The " + (reply.kind() == InteractiveReply.Kind.BUTTONS ? "buttons are"
                    : "list is") + " sent to the customer as your reply; do not repeat the options in text.");
        } catch (IllegalArgumentException e) {
            result = Map.of("error", tool + " was not sent: " + e.getMessage() + ". Fix the arguments and call it again, "
                    + "or answer in text.");
        }
        exchange.getMessage().setBody(mapper.writeValueAsString(result));
    }
}
