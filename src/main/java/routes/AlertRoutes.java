package routes;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import processors.alerts.NotifySlack;
import processors.alerts.RecordAlert;

/** {@code direct:alert}: every failure worth an operator's attention, stored and notified once. */
@Component
public class AlertRoutes extends RouteBuilder {

    private final RecordAlert recordAlert;
    private final NotifySlack notifySlack;

    public AlertRoutes(RecordAlert recordAlert, NotifySlack notifySlack) {
        this.recordAlert = recordAlert;
        this.notifySlack = notifySlack;
    }

    @Override
    public void configure() {
        from("direct:alert").routeId("alert")
                .process(recordAlert).id("record-alert")
                .filter(header(RecordAlert.NEW).isEqualTo(true))
                    .process(notifySlack).id("notify-slack")
                .end();
    }
}
