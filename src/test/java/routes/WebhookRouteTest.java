package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.HubApplication;
import hub.HubHttp;
import hub.TestDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Message;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** The webhook route with its Kafka step replaced: what it hands to the broker, and what a broker failure answers. */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestDatabase.class)
class WebhookRouteTest {

    @Autowired
    CamelContext camel;
    @Autowired
    ObjectMapper mapper;
    @EndpointInject("mock:kafka")
    MockEndpoint kafka;
    @LocalServerPort
    int port;

    HubHttp http;
    static Integer answerBeforeTheRoutesStarted;

    @BeforeEach
    void adviseOnce() throws Exception {
        http = new HubHttp(port);
        if (!camel.isStarted()) {
            answerBeforeTheRoutesStarted = http.postSignedWebhook(
                    HubHttp.textMessage("106540352242922", "34600111222", "wamid.early", "hola")).statusCode();
            AdviceWith.adviceWith(camel, "whatsapp-webhook",
                    route -> route.weaveById("store-in-kafka").replace().to("mock:kafka"));
            camel.start();
        }
        kafka.reset();
    }

    @Test
    void handsEveryRecordOfTheEventToTheBrokerAsOneBatch() throws Exception {
        kafka.expectedMessageCount(1);
        String body = HubHttp.textMessage("106540352242922", "34600111222", "wamid.batch", "hola");

        HttpResponse<String> response = http.postSignedWebhook(body);

        assertThat(response.statusCode()).isEqualTo(200);
        kafka.assertIsSatisfied();
        @SuppressWarnings("unchecked")
        List<Message> batch = kafka.getReceivedExchanges().get(0).getIn().getBody(List.class);
        assertThat(batch).hasSize(1);
        assertThat(batch.get(0).getHeader(KafkaConstants.OVERRIDE_TOPIC)).isEqualTo("whatsapp.inbound");
        assertThat(batch.get(0).getHeader(KafkaConstants.KEY)).isEqualTo("106540352242922:34600111222");
        assertThat(batch.get(0).getHeaders()).doesNotContainKey("X-Hub-Signature-256");
        assertThat(mapper.readTree(batch.get(0).getBody(byte[].class)).get("wamid").asText()).isEqualTo("wamid.batch");
    }

    @Test
    void aBrokerThatDoesNotAcknowledgeMakesMetaRetry() throws Exception {
        kafka.whenAnyExchangeReceived(exchange -> {
            throw new TimeoutException("Expiring 1 record(s) for whatsapp.inbound-0: 5000 ms has passed since batch creation");
        });

        HttpResponse<String> response = http.postSignedWebhook(
                HubHttp.textMessage("106540352242922", "34600111222", "wamid.lost", "hola"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(mapper.readTree(response.body()).at("/error/code").asText()).isEqualTo("temporarily_unavailable");
    }

    @Test
    void whileTheRoutesAreNotRunningMetaIsToldToRetry() {
        assertThat(answerBeforeTheRoutesStarted).isEqualTo(503);
    }

    @Test
    void signatureIsCheckedBeforeAnythingReachesTheBroker() {
        String body = HubHttp.textMessage("106540352242922", "34600111222", "wamid.forged", "hola");

        assertThat(http.postWebhook(body, HubHttp.sign("wrong", body)).statusCode()).isEqualTo(401);
        assertThat(kafka.getReceivedCounter()).isZero();
    }
}
