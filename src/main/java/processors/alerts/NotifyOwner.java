package processors.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import hub.alerts.Alert;
import hub.console.ConsoleTexts;
import hub.tools.BusinessToolRepository;
import hub.tools.BusinessToolRepository.Channel;
import hub.tools.Delivery;
import hub.tools.OwnerMail;
import hub.tools.OwnerSlack;
import hub.tools.OwnerWhatsApp;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the owner of a new alert of its organisation when the owner asked for alerts (the owner notification
 * settings): on its Slack, by e-mail or on WhatsApp, worded as the console words it in the chatbot's language; best effort, like
 * the operator's Slack: the alert is stored already.
 */
@Component
public record NotifyOwner(BusinessToolRepository owners, ConsoleTexts texts, OwnerSlack slack, OwnerMail mail,
                          OwnerWhatsApp whatsapp) implements Processor {

    private static final Logger log = LoggerFactory.getLogger(NotifyOwner.class);

    @Override
    public void process(Exchange exchange) {
        Alert alert = exchange.getIn().getBody(Alert.class);
        if (alert.organizationId() == null) {
            return;
        }
        String problem;
        try {
            problem = owners.alertsChannel(alert.organizationId(), alert.chatbotId()).map(channel -> tell(alert, channel)).orElse(null);
        } catch (RuntimeException e) { // the alert is stored: its caller goes on
            problem = e.getMessage();
        }
        if (problem != null) {
            log.warn("Alert {} not sent to the owner of organisation {}: {}", alert.reason().code(), alert.organizationId(), problem);
        }
    }

    /** Sends the alert where the owner's notifications go; null when it went, or there is nowhere to send it. */
    private String tell(Alert alert, Channel channel) {
        ConsoleTexts.Worded worded = texts.word(alert, channel.language());
        Alert.Severity severity = alert.severity() == null ? Alert.Severity.ERROR : alert.severity();
        String subject = mark(severity) + " " + worded.title() + (channel.chatbotName() == null ? "" : " · " + channel.chatbotName());
        Delivery delivery;
        if ("slack".equals(channel.method()) && channel.slackWebhookUrl() != null) {
            delivery = slack.post(channel.slackWebhookUrl(), message(worded, severity, channel.chatbotName()));
        } else if ("email".equals(channel.method()) && channel.emailTo() != null) {
            delivery = mail.send(channel.emailTo(), subject,
                    text(worded) + "\n\n" + texts.text("owner_mail.footer", channel.language(), Map.of()));
        } else if ("whatsapp".equals(channel.method()) && channel.whatsapp().to() != null) {
            delivery = whatsapp.send(channel.whatsapp(), subject + "\n" + text(worded));
        } else if ("email".equals(channel.method()) && channel.unconfirmedEmail() != null) {
            return "its e-mail address is not confirmed yet";
        } else {
            return null;
        }
        return switch (delivery.outcome()) {
            case SENT -> null;
            case NOT_ALLOWED -> "its Slack webhook's address is not allowed";
            case NO_MAIL_SERVER -> "this hub has no mail server";
            case FAILED -> delivery.error();
        };
    }

    /** The severity in an e-mail's subject or a WhatsApp message, where Slack's :codes: do not show. */
    private static String mark(Alert.Severity severity) {
        return switch (severity) { case CRITICAL -> "🔥"; case ERROR -> "❌"; case WARNING -> "⚠️"; case INFO -> "ℹ️"; };
    }

    private static String text(ConsoleTexts.Worded worded) {
        return worded.detail() == null ? worded.text() : worded.text() + "\n" + worded.detail();
    }

    /** A Slack message with an attachment coloured by severity, as the operator's alerts are. */
    static Map<String, Object> message(ConsoleTexts.Worded worded, Alert.Severity severity, String chatbotName) {
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("color", NotifySlack.color(severity));
        attachment.put("title", worded.title());
        attachment.put("text", text(worded));
        List<Map<String, Object>> fields = new ArrayList<>();
        if (chatbotName != null) {
            fields.add(Map.of("title", "Chatbot", "value", chatbotName, "short", true));
        }
        attachment.put("fields", fields);
        attachment.put("footer", "WhatsApp Agent Hub");
        attachment.put("ts", Instant.now().getEpochSecond());
        return Map.of("text", NotifySlack.emoji(severity) + " *" + worded.title() + "*: " + worded.text(),
                "attachments", List.of(attachment));
    }
}
