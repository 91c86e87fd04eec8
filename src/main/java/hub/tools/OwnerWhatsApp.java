package hub.tools;

import java.util.List;
import java.util.regex.Pattern;

import hub.security.SecretCipher;
import hub.tools.BusinessToolRepository.WhatsAppTarget;
import hub.whatsapp.graph.GraphApiClient;
import hub.whatsapp.graph.GraphApiException;
import org.springframework.stereotype.Component;

/**
 * Tells an organisation's owner on WhatsApp, from a chatbot's number: as the organisation's approved template, the
 * text its one body parameter, or as plain text when it names none (which WhatsApp delivers only within 24 hours of
 * the owner's last message to that number). Meta's refusals are the owner's own setup, so they are told as they are.
 */
@Component
public record OwnerWhatsApp(GraphApiClient graph, SecretCipher cipher) {

    // a template's parameter may not hold line breaks, tabs or runs of spaces
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\n\\s*");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final int MAX_PARAMETER_CHARS = 1000;

    public Delivery send(WhatsAppTarget target, String text) {
        if (target.phoneNumberId() == null
                || !graph.sandbox() && (target.storedAccessToken() == null || target.storedAccessToken().isBlank())) {
            return Delivery.failed("No chatbot of the organisation has a WhatsApp number and access token to send from");
        }
        String token = target.storedAccessToken() == null ? null : cipher.decrypt(target.storedAccessToken());
        try {
            if (target.template() == null) {
                graph.sendText(target.phoneNumberId(), token, target.to(), text, null);
            } else {
                graph.sendTemplate(target.phoneNumberId(), token, target.to(), target.template(), target.templateLanguage(),
                        List.of(parameter(text)));
            }
            return Delivery.SENT;
        } catch (GraphApiException e) {
            return refusal(e, target);
        }
    }

    /** The text as one template parameter: its lines joined with " · ", at most 1,000 characters. */
    static String parameter(String text) {
        String line = SPACES.matcher(LINE_BREAKS.matcher(text.strip()).replaceAll(" · ")).replaceAll(" ");
        return line.length() <= MAX_PARAMETER_CHARS ? line : line.substring(0, MAX_PARAMETER_CHARS - 1) + "…";
    }

    private static Delivery refusal(GraphApiException e, WhatsAppTarget target) {
        Integer code = e.errorCode();
        if (code == null) {
            return Delivery.failed("WhatsApp did not accept the message");
        }
        String meta = " (WhatsApp error " + code + ")";
        return switch (code) {
            case 131047 -> Delivery.failed("whatsapp_window_closed", "WhatsApp delivers text only within 24 hours of the "
                    + "owner's last message to the chatbot's number: name an approved template" + meta);
            case 132001 -> Delivery.failed("template_not_found", "Template '" + target.template() + "' in language '"
                    + target.templateLanguage() + "' does not exist or is not approved" + meta);
            case 132000 -> Delivery.failed("template_parameters_mismatch",
                    "The template must have one body parameter, {{1}}, that carries the notification" + meta);
            default -> Delivery.failed("WhatsApp did not accept the message" + meta
                    + (e.errorTitle() == null ? "" : ": " + e.errorTitle()));
        };
    }
}
