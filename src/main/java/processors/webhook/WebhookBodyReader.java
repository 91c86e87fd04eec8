package processors.webhook;

import java.io.InputStream;

import hub.config.HubProperties;
import hub.web.ApiError;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Reads the webhook body as the exact bytes Meta sent (the signature covers those bytes), refusing
 * bodies over the configured size before reading them whole.
 */
@Component
public class WebhookBodyReader implements Processor {

    private final long maxBytes;

    public WebhookBodyReader(HubProperties hub) {
        this.maxBytes = hub.webhook().maxBodySize().toBytes();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Long declared = exchange.getIn().getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declared != null && declared > maxBytes) {
            throw tooLarge();
        }
        Object body = exchange.getIn().getBody();
        byte[] bytes;
        if (body instanceof byte[] b) {
            bytes = b;
        } else if (body instanceof InputStream in) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } else if (body == null) {
            bytes = new byte[0];
        } else {
            bytes = exchange.getIn().getMandatoryBody(byte[].class);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge();
        }
        exchange.getIn().setBody(bytes);
    }

    private ApiError tooLarge() {
        return new ApiError(413, "payload_too_large", "Webhook bodies are limited to " + maxBytes + " bytes");
    }
}
