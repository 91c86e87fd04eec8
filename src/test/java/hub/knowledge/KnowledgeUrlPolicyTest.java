package hub.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.ExchangeKeys;
import hub.TestProperties;
import hub.api.knowledge.UrlBatchResult;
import hub.config.HubProperties;
import hub.knowledge.api.KnowledgeIntake;
import hub.knowledge.extract.DocumentExtractor;
import hub.knowledge.fetch.FetchException;
import hub.knowledge.fetch.SafeFetcher;
import hub.tenant.TenantRepository;
import hub.web.RequestBodies;
import jakarta.validation.Validation;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import processors.api.ErrorResponder;
import processors.knowledge.AcceptKnowledgeUrl;
import processors.knowledge.AcceptKnowledgeUrlBatch;
import processors.knowledge.CrawlSite;

/**
 * With the default configuration (hub.ingest.allow-private-networks=false, as in production) the knowledge
 * API refuses URLs of loopback, private, link-local and metadata addresses with 400 url_not_allowed, on
 * every entry point (POST /url, /ingest-batch, /crawl), before anything is stored or fetched. The
 * integration tests run with private networks allowed (their fixture site is on 127.0.0.1).
 */
class KnowledgeUrlPolicyTest {

    static final List<String> INTERNAL = List.of(
            "http://127.0.0.1:8080/actuator/env",
            "http://localhost/",
            "http://[::1]/",
            "http://10.0.0.5/",
            "http://172.16.3.4/",
            "http://192.168.1.1/router",
            "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
            "http://100.64.0.1/",
            "http://0.0.0.0:5432/",
            "http://[fd00::1]/",
            "http://[::ffff:127.0.0.1]/");

    final ObjectMapper mapper = new ObjectMapper();
    final HubProperties hub = TestProperties.hub(Map.of());
    final SafeFetcher fetcher = new KnowledgeConfiguration().safeFetcher(hub);
    final TenantRepository ownChatbot = new TenantRepository(null) {
        @Override
        public Optional<Map<String, Object>> chatbot(UUID organizationId, UUID chatbotId) {
            return Optional.of(Map.of("id", chatbotId));
        }
    };
    // nothing may be created or queued: no store, no queue
    final KnowledgeIntake intake = new KnowledgeIntake(null, ownChatbot, new DocumentExtractor(), fetcher, null);
    final RequestBodies bodies = new RequestBodies(mapper, Validation.buildDefaultValidatorFactory().getValidator());
    final ErrorResponder responder = new ErrorResponder(mapper);

    @Test
    void theDefaultPolicyRefusesPrivateNetworks() {
        assertThat(hub.ingest().allowPrivateNetworks()).isFalse();
        assertThat(fetcher.policy().allowPrivateNetworks()).isFalse();
    }

    @Test
    void postUrlRefusesInternalAddressesWith400() throws Exception {
        AcceptKnowledgeUrl acceptUrl = new AcceptKnowledgeUrl(intake, bodies);
        for (String url : INTERNAL) {
            Exchange exchange = request(mapper.writeValueAsString(Map.of("url", url)));
            FetchException refused = catchThrowableOfType(() -> acceptUrl.process(exchange), FetchException.class);
            assertThat(refused).as(url).isNotNull();
            assertThat(refused.code()).as(url).isEqualTo("url_not_allowed");

            JsonNode answer = respond(exchange, refused);
            assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).as(url).isEqualTo(400);
            assertThat(answer.at("/error/code").asText()).isEqualTo("url_not_allowed");
            assertThat(answer.at("/error/message").asText()).contains("not a public internet host");
        }
    }

    @Test
    void aBatchRefusesEachInternalAddressAndACrawlItsBaseUrl() throws Exception {
        Exchange batch = request(mapper.writeValueAsString(Map.of("urls", INTERNAL)));
        new AcceptKnowledgeUrlBatch(intake, bodies, hub).process(batch);
        UrlBatchResult answer = batch.getMessage().getBody(UrlBatchResult.class);
        assertThat(answer.successful()).isZero();
        JsonNode results = mapper.valueToTree(answer.results());
        assertThat(results).hasSize(INTERNAL.size());
        results.forEach(r -> assertThat(r.at("/error/code").asText()).as(r.toString()).isEqualTo("url_not_allowed"));

        CrawlSite crawl = new CrawlSite(new KnowledgeConfiguration().crawler(fetcher), intake, bodies, hub);
        try {
            for (String url : INTERNAL) {
                Exchange exchange = request(mapper.writeValueAsString(Map.of("base_url", url)));
                FetchException refused = catchThrowableOfType(() -> crawl.process(exchange), FetchException.class);
                assertThat(refused).as(url).isNotNull();
                assertThat(refused.code()).isEqualTo("url_not_allowed");
            }
        } finally {
            crawl.destroy();
        }
    }

    @Test
    void publicAddressesPassTheCheckWithoutBeingFetched() {
        assertThat(intake.checkedUrl("HTTP://93.184.216.34/Docs/FAQ?utm_source=x#top").toString())
                .startsWith("http://93.184.216.34/Docs/FAQ");
    }

    private Exchange request(String json) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setBody(json);
        exchange.getIn().setHeader("chatbotId", UUID.randomUUID().toString());
        exchange.setProperty(ExchangeKeys.ORGANIZATION_ID, UUID.randomUUID());
        return exchange;
    }

    private JsonNode respond(Exchange exchange, Exception cause) throws Exception {
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, cause);
        responder.process(exchange);
        return mapper.readTree(exchange.getMessage().getBody(byte[].class));
    }
}
