package hub.api.template;

import java.util.List;

/** The message templates of a chatbot's WhatsApp Business Account, as Meta lists them. */
public record MessageTemplateList(List<MessageTemplate> items) {
}
