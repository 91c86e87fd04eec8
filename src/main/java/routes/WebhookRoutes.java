package routes;

import hub.config.HubProperties;
import hub.roles.RoleRoutes;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import processors.api.ErrorResponder;
import processors.webhook.KafkaRecordBatch;
import processors.webhook.SubscriptionVerifier;
import processors.webhook.WebhookBodyReader;
import processors.webhook.WebhookSignatureVerifier;

/**
 * Meta's webhook: the subscription handshake, and event delivery acknowledged only once every
 * record of the event is stored in Kafka. No database work happens here.
 */
@Component
public class WebhookRoutes extends RouteBuilder {

    private final SubscriptionVerifier subscriptionVerifier;
    private final WebhookBodyReader webhookBodyReader;
    private final WebhookSignatureVerifier webhookSignatureVerifier;
    private final KafkaRecordBatch kafkaRecordBatch;
    private final ErrorResponder errorResponder;

    public WebhookRoutes(SubscriptionVerifier subscriptionVerifier, WebhookBodyReader webhookBodyReader,
                                 WebhookSignatureVerifier webhookSignatureVerifier,
                                 KafkaRecordBatch kafkaRecordBatch, ErrorResponder errorResponder) {
        this.subscriptionVerifier = subscriptionVerifier;
        this.webhookBodyReader = webhookBodyReader;
        this.webhookSignatureVerifier = webhookSignatureVerifier;
        this.kafkaRecordBatch = kafkaRecordBatch;
        this.errorResponder = errorResponder;
    }

    @Override
    public void configure() {
        onException(Exception.class)
                .handled(true)
                .process(errorResponder);

        from("platform-http:/webhook?httpMethodRestrict=GET")
                .routeId("whatsapp-webhook-verify")
                .process(subscriptionVerifier);

        // raw bytes (useStreaming): the signature covers them, and decoding them as text would fail on malformed UTF-8
        from("platform-http:/webhook?httpMethodRestrict=POST&useStreaming=true")
                .routeId("whatsapp-webhook")
                .process(webhookBodyReader).id("read-body")
                .process(webhookSignatureVerifier).id("verify-signature")
                .process(kafkaRecordBatch).id("split-into-records")
                .choice()
                    .when(header(KafkaRecordBatch.RECORD_COUNT).isGreaterThan(0))
                        .to("kafka:{{hub.kafka.topics.inbound:whatsapp.inbound}}?synchronous=true"
                                + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer")
                        .id("store-in-kafka")
                        .setBody(simple("{\"status\":\"stored\",\"records\":${header." + KafkaRecordBatch.RECORD_COUNT + "}}"))
                    .otherwise()
                        .setBody(constant("{\"status\":\"ignored\",\"records\":0}"))
                .end()
                .removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(200))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
        RoleRoutes.assign(this, HubProperties.Role.INGRESS);
    }
}
