package hub.whatsapp.graph;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hub.config.HubProperties;
import hub.whatsapp.Recipient;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Client of the WhatsApp Cloud API ({@code POST {graph-base-url}/{graph-version}/{phone-number-id}/messages}).
 * <p>
 * Sends texts (split into ordered parts over 4096 characters), interactive messages and templates, retrying 429, 5xx, I/O errors and
 * timeouts with exponential backoff and jitter, behind a circuit breaker per phone number id. With
 * {@code hub.whatsapp.graph-base-url=sandbox} nothing is sent: each part is recorded in the
 * {@link SandboxOutbox} and gets a generated wamid. Access tokens and message texts are never logged.
 */
@Component
public class GraphApiClient {

    public static final String SANDBOX = "sandbox";
    static final String NO_TOKEN = "no WhatsApp access token configured for this number";

    private static final Logger log = LoggerFactory.getLogger(GraphApiClient.class);
    private static final Pattern PHONE_NUMBER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String DEFAULT_BASE_URL = "https://graph.facebook.com";

    private final ObjectMapper mapper;
    private final SandboxOutbox sandboxOutbox;
    private final GraphClientSettings settings;
    private final boolean sandbox;
    /** {base}/{version}, without a trailing slash. */
    private final String apiRoot;
    private final HttpClient http;
    private final CircuitBreakerRegistry breakers;
    /** Per phone number id: when its breaker opened (System.nanoTime), while it is not closed again. */
    private final Map<String, Long> outageSince = new ConcurrentHashMap<>();

    @Autowired
    public GraphApiClient(HubProperties properties, ObjectMapper mapper, SandboxOutbox sandboxOutbox) {
        this(properties, mapper, sandboxOutbox, GraphClientSettings.defaults());
    }

    public GraphApiClient(HubProperties properties, ObjectMapper mapper, SandboxOutbox sandboxOutbox,
                          GraphClientSettings settings) {
        this.mapper = mapper;
        this.sandboxOutbox = sandboxOutbox;
        this.settings = settings;
        HubProperties.Whatsapp whatsapp = properties.whatsapp();
        String base = whatsapp.graphBaseUrl() == null || whatsapp.graphBaseUrl().isBlank()
                ? DEFAULT_BASE_URL : whatsapp.graphBaseUrl().strip();
        this.sandbox = SANDBOX.equalsIgnoreCase(base);
        this.apiRoot = trimSlashes(base) + "/" + trimSlashes(whatsapp.graphVersion().strip());
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                // h2c upgrade attempts confuse plain-HTTP fakes and proxies; Meta itself is HTTPS (HTTP/2 by ALPN)
                .version(base.startsWith("https:") ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .build();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.breakerWindow())
                .minimumNumberOfCalls(settings.breakerMinimumCalls())
                .failureRateThreshold(settings.breakerFailureRate())
                .waitDurationInOpenState(settings.breakerOpenDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .build());
        breakers.getEventPublisher().onEntryAdded(added -> added.getAddedEntry().getEventPublisher()
                .onStateTransition(event -> {
                    log.warn("Graph API circuit breaker for WhatsApp number {}: {}",
                            event.getCircuitBreakerName(), event.getStateTransition());
                    switch (event.getStateTransition().getToState()) {
                        case OPEN, FORCED_OPEN -> outageSince.putIfAbsent(event.getCircuitBreakerName(), System.nanoTime());
                        case CLOSED, DISABLED -> outageSince.remove(event.getCircuitBreakerName());
                        default -> { }
                    }
                }));
        if (sandbox) {
            log.info("WhatsApp Graph API in sandbox mode: outbound messages are recorded in sandbox_outbox, not sent");
        }
    }

    /** True when {@code hub.whatsapp.graph-base-url=sandbox}: nothing is sent to Meta. */
    public boolean sandbox() {
        return sandbox;
    }

    /** The circuit breakers, one per phone number id (named after it), for their metrics. */
    public CircuitBreakerRegistry circuitBreakers() {
        return breakers;
    }

    /** True while the circuit breaker of this phone number id refuses calls. */
    public boolean isCircuitOpen(String phoneNumberId) {
        if (phoneNumberId == null) {
            return false;
        }
        return breakers.find(phoneNumberId.strip())
                .map(b -> b.getState() == CircuitBreaker.State.OPEN || b.getState() == CircuitBreaker.State.FORCED_OPEN)
                .orElse(false);
    }

    /**
     * Sends a text message, split into ordered parts of at most 4096 characters; the first part
     * replies to {@code replyToWamid} when given.
     *
     * @param recipient any phone number notation, of which only the digits are sent as {@code to} ("+34 600-111 222"
     *                  → "34600111222"), or a business-scoped user id, sent as it is as {@code recipient}
     * @return the outbound wamids, one per part, in order
     * @throws GraphApiException when a part could not be sent; its {@link GraphApiException#deliveredWamids()}
     *                           lists the parts sent before it
     */
    public SendResult sendText(String phoneNumberId, String accessToken, String recipient, String text,
                               String replyToWamid) {
        return sendText(phoneNumberId, accessToken, recipient, text, replyToWamid, null);
    }

    /**
     * {@link #sendText(String, String, String, String, String)} with {@code biz_opaque_callback_data} on every part: Meta
     * returns it in each part's status webhooks, which is how a send cut by a crash is later proved to have gone out.
     */
    public SendResult sendText(String phoneNumberId, String accessToken, String recipient, String text,
                               String replyToWamid, String callbackData) {
        String numberId = requirePhoneNumberId(phoneNumberId);
        Recipient to = requireRecipient(recipient);
        if (text == null || text.isBlank()) {
            throw GraphApiException.rejected("text is empty");
        }
        requireToken(accessToken);
        List<String> parts = TextSplitter.split(text);
        List<String> wamids = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            ObjectNode body = textBody(to, parts.get(i), i == 0 ? replyToWamid : null, callbackData);
            try {
                wamids.add(sandbox ? recordInSandbox(numberId, to.address(), body) : post(numberId, accessToken.strip(), body));
            } catch (GraphApiException e) {
                throw e.afterDelivered(wamids);
            }
        }
        log.debug("Sent {} part(s) from WhatsApp number {}", wamids.size(), numberId);
        return new SendResult(wamids);
    }

    /**
     * Sends an interactive message (reply buttons or a list): {@code interactive} is the message's
     * {@code interactive} object; it replies to {@code replyToWamid} when given.
     */
    public SendResult sendInteractive(String phoneNumberId, String accessToken, String recipient,
                                      Map<String, Object> interactive, String replyToWamid, String callbackData) {
        ObjectNode body = messageBody(requireRecipient(recipient), "interactive", replyToWamid, callbackData);
        body.set("interactive", mapper.valueToTree(interactive));
        return sendOne(phoneNumberId, accessToken, body);
    }

    /**
     * Sends an approved message template (the only kind allowed outside the 24-hour window), its body's
     * {{1}}, {{2}} ... filled with {@code parameters} in order.
     */
    public SendResult sendTemplate(String phoneNumberId, String accessToken, String recipient, String name,
                                   String language, List<String> parameters) {
        ObjectNode body = messageBody(requireRecipient(recipient), "template", null, null);
        ObjectNode template = body.putObject("template").put("name", name);
        template.putObject("language").put("code", language);
        if (parameters != null && !parameters.isEmpty()) {
            var values = template.putArray("components").addObject().put("type", "body").putArray("parameters");
            parameters.forEach(p -> values.addObject().put("type", "text").put("text", p));
        }
        return sendOne(phoneNumberId, accessToken, body);
    }

    /**
     * The WhatsApp Business Account's message templates ({@code GET /{waba-id}/message_templates}), every page up to
     * {@code maxTemplates}; none in sandbox mode.
     *
     * @throws GraphApiException when Meta refuses or cannot be reached
     */
    public List<JsonNode> messageTemplates(String businessAccountId, String accessToken, int maxTemplates) {
        if (sandbox) {
            return List.of();
        }
        String waba = requirePhoneNumberId(businessAccountId);
        requireToken(accessToken);
        List<JsonNode> templates = new ArrayList<>();
        URI next = URI.create(apiRoot + "/" + waba + "/message_templates?fields=name,status,language,category,components&limit=100");
        while (next != null && templates.size() < maxTemplates) {
            HttpRequest request = HttpRequest.newBuilder(next).timeout(settings.requestTimeout())
                    .header("Authorization", "Bearer " + accessToken.strip()).header("Accept", "application/json")
                    .GET().build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw ioFailure(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GraphApiException("interrupted while calling the Graph API", 0, null, null, true, false, e);
            }
            if (!isSuccess(response.statusCode())) {
                throw httpFailure(response);
            }
            JsonNode page = parse(response.body());
            page.path("data").forEach(t -> {
                if (templates.size() < maxTemplates) {
                    templates.add(t);
                }
            });
            String after = page.path("paging").path("next").asText("");
            next = after.startsWith(apiRoot + "/") ? URI.create(after) : null;
        }
        return templates;
    }

    private SendResult sendOne(String phoneNumberId, String accessToken, ObjectNode body) {
        String numberId = requirePhoneNumberId(phoneNumberId);
        requireToken(accessToken);
        String to = body.path("to").asText();
        return new SendResult(List.of(sandbox ? recordInSandbox(numberId, to, body) : post(numberId, accessToken.strip(), body)));
    }

    private void requireToken(String accessToken) {
        if (!sandbox && (accessToken == null || accessToken.isBlank())) {
            throw GraphApiException.rejected(NO_TOKEN);
        }
    }

    private static Recipient requireRecipient(String recipient) {
        Recipient to = Recipient.of(recipient);
        if (to == null) {
            throw GraphApiException.rejected("recipient is neither a phone number nor a business-scoped user id");
        }
        return to;
    }

    /**
     * Marks an inbound message read and, when asked, shows the typing indicator (dismissed by the
     * reply or after 25 s). Best effort: one attempt with a short timeout, skipped while the number's
     * circuit is open; failures are logged and swallowed. A no-op in sandbox mode.
     */
    public void markReadWithTyping(String phoneNumberId, String accessToken, String wamid, boolean typingIndicator) {
        if (sandbox) {
            return;
        }
        try {
            if (accessToken == null || accessToken.isBlank() || wamid == null || wamid.isBlank()) {
                log.debug("Mark-as-read skipped: no access token or wamid");
                return;
            }
            String numberId = requirePhoneNumberId(phoneNumberId);
            if (isCircuitOpen(numberId)) {
                log.debug("Mark-as-read skipped: circuit open for WhatsApp number {}", numberId);
                return;
            }
            ObjectNode body = mapper.createObjectNode()
                    .put("messaging_product", "whatsapp")
                    .put("status", "read")
                    .put("message_id", wamid);
            if (typingIndicator) {
                body.putObject("typing_indicator").put("type", "text");
            }
            HttpResponse<String> response = http.send(request(numberId, accessToken.strip(), body,
                    settings.markReadTimeout()), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (!isSuccess(response.statusCode())) {
                GraphApiException failure = httpFailure(response);
                log.info("Mark-as-read failed for WhatsApp number {}: {}", numberId, failure.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            log.info("Mark-as-read failed: {}", describe(e));
        }
    }

    /** Whether an access token controls a WhatsApp number, as Meta answers {@code GET /{version}/{phone-number-id}}. */
    public enum NumberControl { CONTROLLED, NOT_CONTROLLED, UNVERIFIABLE }

    /**
     * Asks Meta whether {@code accessToken} controls {@code phoneNumberId}: a 2xx answer naming that number
     * means it does; any other 4xx (Meta's OAuth errors 100/190 family) means it does not; 429, 5xx, I/O
     * errors and timeouts mean it could not be checked now. Sandbox mode accepts every pair.
     */
    public NumberControl checkNumberControl(String phoneNumberId, String accessToken) {
        String numberId = requirePhoneNumberId(phoneNumberId);
        if (accessToken == null || accessToken.isBlank()) {
            return NumberControl.NOT_CONTROLLED;
        }
        if (sandbox) {
            return NumberControl.CONTROLLED;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiRoot + "/" + numberId + "?fields=id,display_phone_number"))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + accessToken.strip())
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = response.statusCode();
            if (isSuccess(status)) {
                return numberId.equals(parse(response.body()).path("id").asText())
                        ? NumberControl.CONTROLLED : NumberControl.NOT_CONTROLLED;
            }
            if (status == 429 || status >= 500) {
                log.info("Graph API could not check WhatsApp number {}: HTTP {}", numberId, status);
                return NumberControl.UNVERIFIABLE;
            }
            return NumberControl.NOT_CONTROLLED;
        } catch (IOException e) {
            log.info("Graph API could not check WhatsApp number {}: {}", numberId, describe(e));
            return NumberControl.UNVERIFIABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NumberControl.UNVERIFIABLE;
        }
    }

    private String recordInSandbox(String numberId, String to, ObjectNode body) {
        String wamid = "wamid.sandbox." + UUID.randomUUID();
        try {
            sandboxOutbox.record(numberId, to, wamid, json(body));
        } catch (RuntimeException e) {
            throw new GraphApiException("sandbox outbox write failed: " + e.getMessage(), 0, null, null, true, false, e);
        }
        return wamid;
    }

    /**
     * Waits, while the number's outage is younger than {@link GraphClientSettings#outageWait()}, until the
     * breaker lets a call through again; false when the outage has lasted longer.
     */
    private boolean awaitRecovery(String numberId, CircuitBreaker breaker) {
        // a breaker that has just opened refuses before its transition listener has noted when: the outage starts now
        outageSince.putIfAbsent(numberId, System.nanoTime());
        while (inOutage(numberId)) {
            long deadline = outageSince.getOrDefault(numberId, System.nanoTime()) + settings.outageWait().toNanos();
            sleep(Math.min(500, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            if (breaker.tryAcquirePermission()) {
                return true;
            }
        }
        return false;
    }

    private boolean inOutage(String numberId) {
        Long since = outageSince.get(numberId);
        return since != null && System.nanoTime() - since < settings.outageWait().toNanos();
    }

    /** POSTs one message with retries; returns its wamid. */
    private String post(String numberId, String token, ObjectNode body) {
        HttpRequest request = request(numberId, token, body, settings.requestTimeout());
        CircuitBreaker breaker = breakers.circuitBreaker(numberId);
        for (int attempt = 1; ; attempt++) {
            if (!breaker.tryAcquirePermission() && !awaitRecovery(numberId, breaker)) {
                throw new GraphApiException("circuit breaker open for WhatsApp number " + numberId
                        + ": the Graph API has been failing for over " + settings.outageWait().toSeconds()
                        + " s, sends fail fast until a trial call succeeds", 0, null, null, true, true, null);
            }
            long start = System.nanoTime();
            GraphApiException failure;
            Duration retryAfter = null;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (isSuccess(response.statusCode())) {
                    breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    return wamidOf(response);
                }
                failure = httpFailure(response);
                retryAfter = retryAfter(response);
            } catch (IOException e) {
                failure = ioFailure(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                breaker.releasePermission();
                throw new GraphApiException("interrupted while calling the Graph API", 0, null, null, true, false, e);
            }
            // Only failures of Meta's side or the network count against the number; a 4xx such as
            // 131047 (outside the 24-hour window) is about one recipient and proves the API works.
            if (failure.retryable()) {
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
            } else {
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
            // while the number's breaker is open, further attempts are the breaker's trial calls: they go on
            // until the outage is older than outageWait
            if (!failure.retryable() || (attempt >= settings.maxAttempts() && !inOutage(numberId))) {
                throw failure;
            }
            if (inOutage(numberId)) {
                log.info("Graph API send from WhatsApp number {} failed ({}); waiting for the Graph API to recover",
                        numberId, failure.getMessage());
                continue; // paced by the breaker's trial calls
            }
            long delay = backoffMillis(attempt, retryAfter);
            log.info("Graph API send from WhatsApp number {} failed ({}); retry {}/{} in {} ms",
                    numberId, failure.getMessage(), attempt, settings.maxAttempts() - 1, delay);
            sleep(delay);
        }
    }

    private HttpRequest request(String numberId, String token, ObjectNode body, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(apiRoot + "/" + numberId + "/messages"))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body), StandardCharsets.UTF_8))
                .build();
    }

    private ObjectNode textBody(Recipient to, String part, String replyToWamid, String callbackData) {
        ObjectNode body = messageBody(to, "text", replyToWamid, callbackData);
        body.putObject("text").put("preview_url", false).put("body", part);
        return body;
    }

    private ObjectNode messageBody(Recipient to, String type, String replyToWamid, String callbackData) {
        ObjectNode body = mapper.createObjectNode()
                .put("messaging_product", "whatsapp")
                .put("recipient_type", "individual")
                .put(to.field(), to.address())
                .put("type", type);
        if (replyToWamid != null && !replyToWamid.isBlank()) {
            body.putObject("context").put("message_id", replyToWamid);
        }
        if (callbackData != null) {
            body.put("biz_opaque_callback_data", callbackData);
        }
        return body;
    }

    private String wamidOf(HttpResponse<String> response) {
        JsonNode id = parse(response.body()).path("messages").path(0).path("id");
        if (!id.isTextual() || id.asText().isBlank()) {
            // Meta accepted the request; retrying could deliver the message twice
            throw new GraphApiException("Graph API HTTP " + response.statusCode() + " without messages[0].id",
                    response.statusCode(), null, null, false, false, null);
        }
        return id.asText();
    }

    /** The failure of a non-2xx response, from Meta's {@code {"error":{…}}} body when there is one. */
    private GraphApiException httpFailure(HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode error = parse(response.body()).path("error");
        Integer code = error.path("code").isIntegralNumber() ? error.path("code").asInt() : null;
        String title = firstText(error.path("error_user_title"), error.path("type"));
        StringBuilder message = new StringBuilder("Graph API HTTP ").append(status);
        if (code != null) {
            message.append(", error ").append(code);
        }
        if (title != null) {
            message.append(" (").append(title).append(')');
        }
        String text = firstText(error.path("message"));
        String details = firstText(error.path("error_data").path("details"));
        if (text != null) {
            message.append(": ").append(text);
        }
        if (details != null && !details.equals(text)) {
            message.append(" — ").append(details);
        }
        if (error.isMissingNode() && response.body() != null && !response.body().isBlank()) {
            message.append(": ").append(abbreviate(response.body().strip(), 200));
        }
        return new GraphApiException(message.toString(), status, code, title,
                status == 429 || status >= 500, false, null);
    }

    private GraphApiException ioFailure(IOException e) {
        String message;
        if (e instanceof HttpConnectTimeoutException) {
            message = "Graph API connect timed out after " + settings.connectTimeout().toMillis() + " ms";
        } else if (e instanceof HttpTimeoutException) {
            message = "Graph API request timed out after " + settings.requestTimeout().toMillis() + " ms";
        } else {
            message = "Graph API I/O error: " + describe(e);
        }
        return new GraphApiException(message, 0, null, null, true, false, e);
    }

    private long backoffMillis(int attempt, Duration retryAfter) {
        long max = settings.retryMaxDelay().toMillis();
        long exponential = Math.min(max, settings.retryBaseDelay().toMillis() << Math.min(attempt - 1, 20));
        // "equal jitter": half fixed, half random, so concurrent senders spread out but still back off
        long delay = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        if (retryAfter != null) {
            delay = Math.max(delay, Math.min(max, retryAfter.toMillis()));
        }
        return delay;
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After")
                .filter(v -> v.strip().matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v.strip())))
                .orElse(null);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphApiException("interrupted while waiting to retry the Graph API", 0, null, null, true, false, e);
        }
    }

    private static String requirePhoneNumberId(String phoneNumberId) {
        String id = phoneNumberId == null ? "" : phoneNumberId.strip();
        if (!PHONE_NUMBER_ID.matcher(id).matches()) {
            throw GraphApiException.rejected("invalid WhatsApp phone number id");
        }
        return id;
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return mapper.missingNode();
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return mapper.missingNode();
        }
    }

    private String json(ObjectNode body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a Graph API request body", e);
        }
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode node : nodes) {
            if (node.isValueNode() && !node.asText().isBlank()) {
                return node.asText();
            }
        }
        return null;
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    private static String trimSlashes(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == '/') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == '/') {
            to--;
        }
        return s.substring(from, to);
    }
}
