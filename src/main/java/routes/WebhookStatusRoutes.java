package routes;

import com.fasterxml.jackson.databind.JsonNode;
import hub.config.HubProperties;
import hub.kafka.RetryableFailure;
import hub.roles.RoleRoutes;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import processors.kafka.CommitOffset;
import processors.webhook.RecordDeliveryStatus;
import processors.webhook.WebhookErrorAlert;

/**
 * {@code kafka:whatsapp.status}: delivery statuses of our outbound messages, and the errors Meta
 * reports out of band. Offsets are committed after a record is handled. While the database is
 * unreachable the record is retried (the consumer waits on it); a record that fails for any other
 * reason is dropped with an error in the log, so it cannot hold up the statuses behind it.
 */
@Component
public class WebhookStatusRoutes extends RouteBuilder {

    private final RecordDeliveryStatus recordDeliveryStatus;
    private final WebhookErrorAlert webhookErrorAlert;
    private final CommitOffset commitOffset;

    public WebhookStatusRoutes(RecordDeliveryStatus recordDeliveryStatus, WebhookErrorAlert webhookErrorAlert,
                                CommitOffset commitOffset) {
        this.recordDeliveryStatus = recordDeliveryStatus;
        this.webhookErrorAlert = webhookErrorAlert;
        this.commitOffset = commitOffset;
    }

    @Override
    public void configure() {
        errorHandler(defaultErrorHandler().maximumRedeliveries(5).redeliveryDelay(1000).useExponentialBackOff()
                .logExhaustedMessageHistory(false));
        onException(Exception.class).onWhen(exchange -> !RetryableFailure.test(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)))
                .maximumRedeliveries(0)
                .handled(true)
                .log(LoggingLevel.ERROR, "Status record dropped, it cannot be processed: ${exception}")
                .process(commitOffset).id("commit-dropped-status-offset");

        from("kafka:{{hub.kafka.topics.status:whatsapp.status}}?groupId=hub-status&autoOffsetReset=earliest"
                + CommitOffset.CONSUMER_OPTIONS + "&breakOnFirstError=true")
                .routeId("whatsapp-status")
                .unmarshal().json(JsonNode.class)
                .choice()
                    .when(exchange -> "error".equals(exchange.getIn().getBody(JsonNode.class).path("kind").asText()))
                        .process(webhookErrorAlert).id("webhook-error-alert")
                        .to("direct:alert")
                    .otherwise()
                        .process(recordDeliveryStatus).id("record-delivery-status")
                        .filter(header(RecordDeliveryStatus.ALERT).isEqualTo(true))
                            .to("direct:alert")
                        .end()
                .end()
                .process(commitOffset).id("commit-status-offset");
        // statuses settle uncertain replies and feed the inbox: the workers' part
        RoleRoutes.assign(this, HubProperties.Role.CONVERSATION);
    }
}
