package processors.webhook;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.springframework.stereotype.Component;

/**
 * Splits the webhook body into its records and hands them to the kafka producer as one batch
 * (each with its own topic and key), so a single acknowledgement covers every record of the POST.
 * Sets {@link #RECORD_COUNT} for the response.
 */
@Component
public record KafkaRecordBatch(WebhookEventSplitter splitter) implements Processor {

    public static final String RECORD_COUNT = "HubRecordCount";

    @Override
    public void process(Exchange exchange) {
        List<WebhookEventSplitter.TopicRecord> records = splitter.split(exchange.getIn().getBody(byte[].class));
        List<Message> batch = new ArrayList<>(records.size());
        for (var record : records) {
            // bound to the exchange so that a failed send fails the exchange
            Message message = new DefaultMessage(exchange);
            message.setHeader(KafkaConstants.OVERRIDE_TOPIC, record.topic());
            message.setHeader(KafkaConstants.KEY, record.key());
            message.setBody(record.value());
            batch.add(message);
        }
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(RECORD_COUNT, records.size());
        exchange.getIn().setBody(batch);
    }
}
