package hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.HubHttp;
import hub.IntegrationTest;
import hub.Tenants;
import hub.Tenants.Tenant;
import hub.config.HubProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Request limits per API key through the real port: a key over its limit gets 429 too_many_requests with
 * Retry-After, the heavy knowledge requests have their own tighter limit, and other keys are not affected.
 * The limits are the test configuration's (hub.api.rate-limit.*), read from the running hub.
 */
@IntegrationTest
class ApiRateLimitIT {

    @LocalServerPort
    int port;
    @Autowired
    Tenants tenants;
    @Autowired
    ApiKeyRepository apiKeys;
    @Autowired
    HubProperties hub;

    final ObjectMapper mapper = new ObjectMapper();
    HubHttp http;
    Tenant tenant;

    @BeforeEach
    void setUp() {
        http = new HubHttp(port);
        tenant = tenants.create("Limits API " + UUID.randomUUID());
    }

    @Test
    void crawlsUploadsAndResyncsOverTheHeavyLimitGet429WithRetryAfterWhileOtherCallsGoOn() throws Exception {
        int heavy = hub.api().rateLimit().heavyPerMinute();
        long start = System.nanoTime();
        int accepted = 0;
        HttpResponse<String> refused = null;
        // requests the crawl refuses for their body still count: the limit is on requests
        while (accepted <= heavy + 20) {
            HttpResponse<String> response = post(tenant.apiKey(), "/knowledge/crawl", "{}");
            if (response.statusCode() == 429) {
                refused = response;
                break;
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            accepted++;
        }
        double minutes = (System.nanoTime() - start) / 60e9;

        assertThat(refused).as("a 429 after %d heavy requests", accepted).isNotNull();
        assertThat(accepted).isBetween(heavy, heavy + 1 + (int) Math.ceil(heavy * minutes));
        assertTooManyRequests(refused, 60);
        // the same bucket holds the other heavy requests; the key's ordinary calls go on
        assertTooManyRequests(heavyUntilRefused("/knowledge/url", "{}"), 60);
        assertTooManyRequests(heavyUntilRefused("/knowledge/sources/" + UUID.randomUUID() + "/resync", "{\"forced\":true}"), 60);
        assertThat(get(tenant.apiKey(), "/knowledge/sources").statusCode()).isEqualTo(200);
        // another key of the same organisation has its own buckets
        String second = apiKeys.create(tenant.organizationId(), "second");
        assertThat(post(second, "/knowledge/crawl", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void aKeyOverItsRequestsPerMinuteGets429UntilTokensComeBack() throws Exception {
        int perMinute = hub.api().rateLimit().requestsPerMinute();
        Tenant other = tenants.create("Limits API other " + UUID.randomUUID());
        long start = System.nanoTime();
        int answered = 0;
        HttpResponse<String> refused = null;
        while (answered <= perMinute * 2) {
            HttpResponse<String> response = get(tenant.apiKey(), "/knowledge/sources");
            if (response.statusCode() == 429) {
                refused = response;
                break;
            }
            assertThat(response.statusCode()).isEqualTo(200);
            answered++;
        }
        double minutes = (System.nanoTime() - start) / 60e9;

        assertThat(refused).as("a 429 after %d requests", answered).isNotNull();
        assertThat(answered).isBetween(perMinute, perMinute + 1 + (int) Math.ceil(perMinute * minutes));
        long retryAfter = assertTooManyRequests(refused, 1);
        assertThat(http.get("/api/chatbots/" + other.chatbotId() + "/knowledge/sources", "Bearer " + other.apiKey())
                .statusCode()).as("another organisation's key").isEqualTo(200);

        // a token comes back within the announced wait
        Thread.sleep(Duration.ofSeconds(retryAfter).toMillis());
        assertThat(get(tenant.apiKey(), "/knowledge/sources").statusCode()).isEqualTo(200);
    }

    /** Checks the 429's JSON error and Retry-After (1..maxSeconds) and returns the seconds. */
    private long assertTooManyRequests(HttpResponse<String> response, long maxSeconds) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode error = mapper.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("too_many_requests");
        assertThat(error.path("message").asText()).contains("per minute");
        long seconds = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertThat(seconds).isBetween(1L, maxSeconds);
        return seconds;
    }

    /**
     * A heavy request with a body the hub refuses (400) until the empty bucket refuses it (429). The bucket
     * refills while the test runs, so a token or two may have come back; a bucket of its own would take
     * the whole heavy limit.
     */
    private HttpResponse<String> heavyUntilRefused(String path, String body) {
        HttpResponse<String> response = post(tenant.apiKey(), path, body);
        for (int attempt = 1; attempt < 3 && response.statusCode() == 400; attempt++) {
            response = post(tenant.apiKey(), path, body);
        }
        return response;
    }

    private HttpResponse<String> get(String apiKey, String path) {
        return http.get("/api/chatbots/" + tenant.chatbotId() + path, "Bearer " + apiKey);
    }

    private HttpResponse<String> post(String apiKey, String path, String body) {
        return http.send(HttpRequest.newBuilder(URI.create(http.url("/api/chatbots/" + tenant.chatbotId() + path)))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
