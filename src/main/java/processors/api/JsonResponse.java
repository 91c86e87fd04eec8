package processors.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Writes the body as a JSON 200 response (or the status already set on the exchange; 204 has no body). */
@Component
public record JsonResponse(ObjectMapper mapper) implements Processor {

    @Override
    public void process(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status == null ? 200 : status);
        if (status != null && status == 204) {
            exchange.getMessage().setBody(null);
            return;
        }
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(mapper.writeValueAsBytes(body));
    }
}
