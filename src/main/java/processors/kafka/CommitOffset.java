package processors.kafka;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.springframework.stereotype.Component;

/**
 * Commits the Kafka offset of the record being processed, at the end of the route that finished it:
 * at-least-once, a record whose processing failed is not committed and comes back. Without this, a
 * consumer with auto-commit off never commits and a restart would replay the whole topic.
 */
@Component
public class CommitOffset implements Processor {

    /**
     * Consumer options for routes that commit with this processor (asynchronous commits, in the poll loop). A poll
     * waits at most 1 s for records, so a stopping hub leaves its consumers within a second, not Camel's default 5 s.
     */
    public static final String CONSUMER_OPTIONS = "&autoCommitEnable=false&allowManualCommit=true&pollTimeoutMs=1000"
            + "&kafkaManualCommitFactory=#class:org.apache.camel.component.kafka.consumer.DefaultKafkaManualAsyncCommitFactory";

    @Override
    public void process(Exchange exchange) {
        KafkaManualCommit commit = exchange.getIn().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (commit != null) {
            commit.commit();
        }
    }
}
