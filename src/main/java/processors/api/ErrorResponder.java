package processors.api;

import java.io.EOFException;
import java.nio.charset.CharacterCodingException;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.knowledge.api.KnowledgeApiErrors;
import hub.web.ApiError;
import hub.web.RequestBodyTooLargeException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.catalina.connector.ClientAbortException;
import org.apache.coyote.BadRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Answers a failed HTTP exchange with {@code {"error": {"code", "message"}}}. An {@link ApiError} keeps
 * its status, and so do the knowledge base's refusals ({@link KnowledgeApiErrors}); a body the client got wrong (over the size limit, cut off, not decodable, not JSON) is a
 * 4xx, so it is not retried; anything else means the request could not be completed and answers 503,
 * so callers that retry (Meta does, for days) try again. Answers never carry exception classes or
 * messages; the failure is logged once here, with its detail.
 */
@Component
public record ErrorResponder(ObjectMapper mapper) implements Processor {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponder.class);

    @Override
    public void process(Exchange exchange) throws Exception {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiError error = answerFor(cause);
        Object method = exchange.getIn().getHeader(Exchange.HTTP_METHOD);
        Object path = exchange.getIn().getHeader(Exchange.HTTP_PATH);
        if (error.status() >= 500) {
            log.warn("{} {} failed on route {}", method, path, exchange.getFromRouteId(), cause);
        } else {
            log.info("{} {} refused: {} {}", method, path, error.status(), error.code());
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, error.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        error.headers().forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setBody(mapper.writeValueAsBytes(error.body()));
    }

    /** The answer for a failure: the first refusal or client mistake in its cause chain, otherwise 503. */
    static ApiError answerFor(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            ApiError refusal = KnowledgeApiErrors.translate(t);
            if (refusal != null) {
                return refusal;
            }
            if (t instanceof RequestBodyTooLargeException tooLarge) {
                return new ApiError(413, "payload_too_large", "Request bodies here are limited to " + tooLarge.limit() + " bytes");
            }
            if (t instanceof CharacterCodingException) {
                return ApiError.badRequest("invalid_body", "The body is not text in its declared character set");
            }
            if (t instanceof EOFException || t instanceof ClientAbortException || t instanceof BadRequestException) {
                return ApiError.badRequest("invalid_body", "The request body could not be read");
            }
        }
        return new ApiError(503, "temporarily_unavailable", "The request could not be completed; retry later");
    }
}
