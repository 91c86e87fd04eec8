package routes;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import processors.alerts.RecordAlert;

/**
 * {@code direct:alert}: every failure worth an operator's attention, stored and notified once: to the operator's
 * Slack, and to the organisation's own when its owner asked for alerts there.
 */
@Component
public class AlertRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:alert").routeId("alert")
                .process("recordAlert").id("record-alert")
                .filter(header(RecordAlert.NEW).isEqualTo(true))
                    .process("notifySlack").id("notify-slack")
                    .process("notifyOwner").id("notify-owner")
                .end();
    }
}
