package processors.tools;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.ExchangeKeys;
import hub.console.ConsoleTexts;
import hub.tools.BusinessToolRepository;
import hub.tools.BusinessToolRepository.OwnerContact;
import hub.tools.BusinessToolRepository.WhatsAppTarget;
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
 * The {@code contact_owner} route tool (seed MCP-C1..C4): tells the organisation's owner that a customer
 * needs a person, by the organisation's notification method. Slack posts to the organisation's incoming
 * webhook ({@link OwnerSlack}); email and WhatsApp write to the owner in the chatbot's language ({@link OwnerMail},
 * {@link OwnerWhatsApp}, from the chatbot's number); notifications turned off and a chatbot whose organisation has no
 * owner are tool errors, so the agent does not promise a call-back.
 */
@Component
public record ContactOwner(BusinessToolRepository repository, ObjectMapper mapper, OwnerSlack slack, OwnerMail mail,
                           OwnerWhatsApp whatsapp, ConsoleTexts texts) implements Processor {

    private static final Logger log = LoggerFactory.getLogger(ContactOwner.class);

    @Override
    public void process(Exchange exchange) throws Exception {
        exchange.getMessage().setBody(mapper.writeValueAsString(notify(exchange)));
    }

    private Map<String, Object> notify(Exchange exchange) {
        Map<?, ?> args = exchange.getIn().getBody(Map.class);
        Object message = args == null ? null : args.get("message");
        if (!(message instanceof String text) || text.isBlank()) {
            return Map.of("success", false, "error", "Missing required field: message");
        }
        return notifyOwner(exchange, text, args.get("contact_info"), args.get("urgency"));
    }

    /**
     * Tells the calling chatbot's owner {@code text} by the organisation's notification method (the tool's
     * exchange says which chatbot and customer): {@code success}, {@code method}, {@code owner}, and
     * {@code message} or {@code error}.
     */
    public Map<String, Object> notifyOwner(Exchange exchange, String text, Object contactInfo, Object urgency) {
        UUID organizationId = exchange.getIn().getHeader(ExchangeKeys.ORGANIZATION_ID, UUID.class);
        UUID chatbotId = exchange.getIn().getHeader(ExchangeKeys.CHATBOT_ID, UUID.class);
        OwnerContact owner = repository.ownerToNotify(organizationId, chatbotId).orElse(null);
        if (owner == null) {
            return Map.of("success", false, "error", "Chatbot not found or inactive");
        }
        if (!owner.hasOwner()) {
            return Map.of("success", false, "error",
                    "This chatbot's organisation has no owner to notify; nobody was contacted");
        }
        String method = owner.notificationMethod() == null ? "disabled" : owner.notificationMethod();
        String level = urgency == null ? "low" : urgency.toString().toLowerCase(Locale.ROOT);
        Object info = contactInfo != null && !"".equals(contactInfo) ? contactInfo
                : customerPhone(exchange) == null ? null : Map.of("whatsapp", customerPhone(exchange));
        Map<String, Object> outcome = switch (method) {
            case "slack" -> slack(owner, text, info, level);
            case "email" -> email(owner, repository.channel(organizationId, chatbotId).emailTo(), text, info, level);
            case "whatsapp" -> whatsapp(owner, repository.channel(organizationId, chatbotId).whatsapp(), text, info, level);
            default -> failure("Notifications are turned off for this organisation; the owner was not notified");
        };
        Map<String, Object> result = new LinkedHashMap<>();
        boolean sent = Boolean.TRUE.equals(outcome.get("success"));
        result.put("success", sent);
        result.put("method", method);
        result.put("owner", owner.ownerName());
        result.put("notification_sent", sent);
        if (sent) {
            result.put("message", outcome.get("message"));
        } else {
            result.put("error", outcome.get("error"));
        }
        return result;
    }

    private Map<String, Object> slack(OwnerContact owner, String message, Object info, String level) {
        if (owner.slackWebhookUrl() == null || owner.slackWebhookUrl().isBlank()) {
            return failure("Slack webhook not configured for this organization");
        }
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("color", switch (level) { case "high" -> "danger"; case "medium" -> "warning"; default -> "good"; });
        attachment.put("title", "Message from your AI Assistant");
        attachment.put("text", message);
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(Map.of("title", "Chatbot", "value", owner.chatbotName(), "short", true));
        fields.add(Map.of("title", "Organization", "value", owner.organizationName(), "short", true));
        if (info != null) {
            fields.add(Map.of("title", "Contact Information", "value", formatContactInfo(info, "*"), "short", false));
        }
        attachment.put("fields", fields);
        attachment.put("footer", "WhatsApp Agent Hub");
        attachment.put("ts", Instant.now().getEpochSecond());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("text", mark(level) + " Notification from " + owner.chatbotName());
        payload.put("attachments", List.of(attachment));
        Delivery delivery = slack.post(owner.slackWebhookUrl(), payload);
        if (delivery.sent()) {
            return Map.of("success", true, "message", "Slack notification sent successfully");
        }
        if (delivery.outcome() == Delivery.Outcome.NOT_ALLOWED) {
            return notAllowed();
        }
        log.warn("contact_owner: Slack notification failed: {}", delivery.error());
        return failure(delivery.error());
    }

    /** An e-mail in the chatbot's language (to the organisation's address, else the owner's): the message, the customer's details, the chatbot. */
    private Map<String, Object> email(OwnerContact owner, String to, String message, Object info, String level) {
        if (to == null) {
            return failure("The owner's e-mail address is not confirmed yet (the console's settings send the link); "
                    + "the owner was not notified");
        }
        Delivery delivery = mail.send(to, subject(owner, level), body(owner, message, info)
                + "\n\n" + texts.text("owner_mail.footer", owner.language(), Map.of()));
        return switch (delivery.outcome()) {
            case SENT -> Map.of("success", true, "message", "E-mail sent to the owner");
            case NO_MAIL_SERVER -> failure("This hub has no mail server to send e-mail with; the owner was not notified");
            default -> {
                log.warn("contact_owner: the e-mail to the owner failed: {}", delivery.error());
                yield failure("The hub's mail server did not take the e-mail; the owner was not notified");
            }
        };
    }

    /** The same on WhatsApp, from the chatbot's number. */
    private Map<String, Object> whatsapp(OwnerContact owner, WhatsAppTarget target, String message, Object info, String level) {
        if (target.to() == null) {
            return failure("The organisation has no WhatsApp number to notify; the owner was not notified");
        }
        Delivery delivery = whatsapp.send(target, subject(owner, level) + "\n\n" + body(owner, message, info));
        if (delivery.sent()) {
            return Map.of("success", true, "message", "WhatsApp message sent to the owner");
        }
        log.warn("contact_owner: the WhatsApp message to the owner failed: {}", delivery.error());
        return failure(delivery.error() + "; the owner was not notified");
    }

    private String subject(OwnerContact owner, String level) {
        return mark(level) + " " + texts.text("owner_mail.customer_needs_you", owner.language(),
                Map.of("chatbot", owner.chatbotName()));
    }

    /** The message, the customer's details and the chatbot, in the chatbot's language. */
    private String body(OwnerContact owner, String message, Object info) {
        StringBuilder body = new StringBuilder(message).append("\n\n");
        if (info != null) {
            body.append(texts.text("owner_mail.customer", owner.language(), Map.of())).append(":\n")
                    .append(formatContactInfo(info, "")).append("\n\n");
        }
        return body.append(texts.text("owner_mail.chatbot", owner.language(),
                Map.of("chatbot", owner.chatbotName(), "organization", owner.organizationName()))).toString();
    }

    private static String mark(String level) {
        return switch (level) { case "high" -> "🚨"; case "medium" -> "⚠️"; default -> "ℹ️"; };
    }

    private static String customerPhone(Exchange exchange) {
        return exchange.getIn().getHeader(ExchangeKeys.CUSTOMER_PHONE, String.class);
    }

    private static Map<String, Object> notAllowed() {
        return failure("The organisation's Slack webhook URL is not allowed (it must be a public https or http URL)");
    }

    /** Seed MCP-C4: a string as is; an object as "*Key:* value" lines (first_name → First Name), {@code bold} the "*". */
    static String formatContactInfo(Object info, String bold) {
        if (info instanceof String s) {
            return s;
        }
        if (!(info instanceof Map<?, ?> map)) {
            return "No contact details provided";
        }
        List<String> lines = new ArrayList<>();
        map.forEach((k, v) -> {
            if (v != null && !"".equals(v)) {
                lines.add(bold + label(String.valueOf(k)) + ":" + bold + " " + v);
            }
        });
        return lines.isEmpty() ? "No contact details provided" : String.join("\n", lines);
    }

    private static String label(String key) {
        String spaced = key.replace('_', ' ').replaceAll("([A-Z])", " $1").trim();
        StringBuilder out = new StringBuilder();
        for (String word : spaced.split("\\s+")) {
            if (!word.isEmpty()) {
                out.append(out.length() == 0 ? "" : " ").append(Character.toUpperCase(word.charAt(0)))
                        .append(word.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return out.toString();
    }

    private static Map<String, Object> failure(String error) {
        return Map.of("success", false, "error", error);
    }
}
