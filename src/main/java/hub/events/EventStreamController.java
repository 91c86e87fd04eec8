package hub.events;

import java.io.IOException;
import java.security.Principal;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.security.ApiRateLimits;
import hub.security.Caller;
import hub.security.CallerAuthentication;
import hub.web.ApiError;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/events}: the caller's organisation's live events as server-sent events ({@code message},
 * {@code status}, {@code contact}, {@code source}; a comment every {@code hub.events.heartbeat}). A Spring MVC
 * endpoint beside the Camel REST API (a stream has no place in the OpenAPI document); the security chain's
 * {@code /api/**} rule lets in only an organisation's callers.
 */
@RestController
public record EventStreamController(LiveEvents events, ApiRateLimits rateLimits, ObjectMapper mapper) {

    @GetMapping(path = "/api/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(Principal principal) {
        Caller caller = principal instanceof CallerAuthentication authenticated ? authenticated.getPrincipal() : null;
        if (caller == null || caller.organizationId() == null) {
            throw ApiError.forbidden("Live events are an organisation's: use one of its API keys or a console session");
        }
        rateLimits.consume(caller.apiKeyId() != null ? caller.apiKeyId() : caller.organizationId(), "events");
        return events.open(caller.organizationId());
    }

    // written directly: the request accepts only text/event-stream, the refusal is the API's JSON error
    @ExceptionHandler(ApiError.class)
    void refused(ApiError error, HttpServletResponse response) throws IOException {
        error.writeTo(response, mapper);
    }
}
