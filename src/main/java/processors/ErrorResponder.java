package processors;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.web.ApiError;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Answers a failed HTTP exchange with {@code {"error": {"code", "message"}}}. An {@link ApiError}
 * keeps its status; anything else means the request could not be completed and answers 503, so
 * callers that retry (Meta does, for days) try again. Logged once here.
 */
@Component
public class ErrorResponder implements Processor {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponder.class);
    private final ObjectMapper mapper;

    public ErrorResponder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiError error = cause instanceof ApiError api ? api : unavailable(exchange, cause);
        if (error.status() >= 500) {
            log.warn("{} {} failed: {}", exchange.getIn().getHeader(Exchange.HTTP_METHOD),
                    exchange.getIn().getHeader(Exchange.HTTP_PATH), error.getMessage());
        } else {
            log.info("{} {} refused: {} {}", exchange.getIn().getHeader(Exchange.HTTP_METHOD),
                    exchange.getIn().getHeader(Exchange.HTTP_URI), error.status(), error.code());
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, error.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        error.headers().forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setBody(mapper.writeValueAsBytes(error.body()));
    }

    private static ApiError unavailable(Exchange exchange, Throwable cause) {
        String reason = cause == null ? "unknown error" : rootMessage(cause);
        log.debug("Request on route {} failed", exchange.getFromRouteId(), cause);
        return new ApiError(503, "temporarily_unavailable",
                "The request could not be completed (" + reason + "); retry later");
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
