package routes;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import processors.alerts.RecordAlert;

/**
 * {@code direct:alert}: every failure worth an operator's attention, stored and notified once: to the operator's
 * Slack, and to the organisation's owner when the owner asked for alerts. The notices are sent by a wire tap on a
 * thread of its own, so a slow Slack, mail server or Graph API does not hold up the message, tool call or job that
 * raised the alert; they are best effort, the alert itself is stored.
 */
@Component
public class AlertRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:alert").routeId("alert")
                .process("recordAlert").id("record-alert")
                .filter(header(RecordAlert.NEW).isEqualTo(true))
                    .wireTap("direct:notify-alert").id("notify")
                .end();

        from("direct:notify-alert").routeId("notify-alert")
                .process("notifySlack").id("notify-slack")
                .process("notifyOwner").id("notify-owner");
    }
}
