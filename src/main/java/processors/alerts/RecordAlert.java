package processors.alerts;

import hub.alerts.Alert;
import hub.alerts.AlertRepository;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Stores the {@link Alert} body in system_alerts and sets {@link #NEW} when it is not a repeat. */
@Component
public record RecordAlert(AlertRepository alerts) implements Processor {

    public static final String NEW = "HubAlertNew";
    private static final Logger log = LoggerFactory.getLogger(RecordAlert.class);

    @Override
    public void process(Exchange exchange) throws Exception {
        Alert alert = exchange.getIn().getMandatoryBody(Alert.class);
        boolean isNew = alerts.record(alert);
        if (isNew) {
            log.warn("Alert {} ({}): {}", alert.type(), alert.severity(), alert.message());
        }
        exchange.getIn().setHeader(NEW, isNew);
    }
}
