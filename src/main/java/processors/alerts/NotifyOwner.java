package processors.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import hub.alerts.Alert;
import hub.console.ConsoleTexts;
import hub.tools.BusinessToolRepository;
import hub.tools.OwnerSlack;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Posts a new alert of an organisation to its own Slack when its owner asked for alerts there (the owner
 * notification settings), worded as the console words it in the chatbot's language; best effort, like the
 * operator's Slack: the alert is stored already.
 */
@Component
public record NotifyOwner(BusinessToolRepository owners, ConsoleTexts texts, OwnerSlack slack) implements Processor {

    private static final Logger log = LoggerFactory.getLogger(NotifyOwner.class);

    @Override
    public void process(Exchange exchange) {
        Alert alert = exchange.getIn().getBody(Alert.class);
        if (alert.organizationId() == null) {
            return;
        }
        String problem;
        try {
            problem = owners.alertsSlack(alert.organizationId(), alert.chatbotId()).map(target -> {
                OwnerSlack.Delivery delivery = slack.post(target.slackWebhookUrl(), message(alert, target));
                return delivery.sent() ? null : delivery.allowed() ? delivery.error() : "its webhook's address is not allowed";
            }).orElse(null);
        } catch (RuntimeException e) { // the alert is stored: its caller goes on
            problem = e.getMessage();
        }
        if (problem != null) {
            log.warn("Alert {} not posted to the Slack of organisation {}: {}", alert.reason().code(), alert.organizationId(), problem);
        }
    }

    /** A Slack message with an attachment coloured by severity, as the operator's alerts are. */
    Map<String, Object> message(Alert alert, BusinessToolRepository.SlackTarget target) {
        ConsoleTexts.Worded worded = texts.word(alert, target.language());
        Alert.Severity severity = alert.severity() == null ? Alert.Severity.ERROR : alert.severity();
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("color", NotifySlack.color(severity));
        attachment.put("title", worded.title());
        attachment.put("text", worded.detail() == null ? worded.text() : worded.text() + "\n" + worded.detail());
        List<Map<String, Object>> fields = new ArrayList<>();
        if (target.chatbotName() != null) {
            fields.add(Map.of("title", "Chatbot", "value", target.chatbotName(), "short", true));
        }
        attachment.put("fields", fields);
        attachment.put("footer", "WhatsApp Agent Hub");
        attachment.put("ts", Instant.now().getEpochSecond());
        return Map.of("text", NotifySlack.emoji(severity) + " *" + worded.title() + "*: " + worded.text(),
                "attachments", List.of(attachment));
    }
}
