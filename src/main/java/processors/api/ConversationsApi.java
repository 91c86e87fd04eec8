package processors.api;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import hub.api.Rows;
import hub.api.conversation.Conversation;
import hub.api.conversation.ConversationList;
import hub.tenant.ContactRepository;
import hub.tenant.ContactRepository.InboxCursor;
import hub.tenant.ContactRepository.InboxFilter;
import hub.web.ApiError;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The inbox: the organisation's conversations most recent first, filtered (all, manual, waiting for a person,
 * unread) and searched by name or phone, in pages; and marking a conversation read for the organisation.
 */
@Component
public record ConversationsApi(ContactRepository contacts) {

    /** {@code GET /api/conversations?filter=&q=&limit=&before=}. */
    public void list(Exchange exchange) {
        String filter = ApiParams.oneOf(exchange, "filter", "all", "manual", "needs_person", "unread");
        int limit = ApiParams.integer(exchange, "limit", 50, 1, 200);
        InboxCursor after = cursor(ApiParams.text(exchange, "before"));
        List<Map<String, Object>> rows = new ArrayList<>(contacts.inbox(ApiParams.organization(exchange),
                filter == null ? InboxFilter.all : InboxFilter.valueOf(filter), ApiParams.text(exchange, "q"), after, limit));
        String next = null;
        if (rows.size() == limit) {
            Map<String, Object> last = rows.get(rows.size() - 1);
            next = cursor((OffsetDateTime) last.get("last_message_at"), (UUID) last.get("contact_id"));
        }
        rows.replaceAll(row -> {
            row.remove("last_message_at");
            return row;
        });
        exchange.getMessage().setBody(new ConversationList(Rows.as(rows, Conversation.class), next));
    }

    /** {@code POST /api/conversations/{contactId}/read}: 204, the conversation's unread count is 0 again. */
    public void markRead(Exchange exchange) {
        if (!contacts.markRead(ApiParams.organization(exchange), ContactsApi.id(exchange))) {
            throw ContactsApi.notFound();
        }
        exchange.getMessage().setBody(null);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
    }

    static String cursor(OffsetDateTime lastMessageAt, UUID contactId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((lastMessageAt + "|" + contactId).getBytes(StandardCharsets.UTF_8));
    }

    static InboxCursor cursor(String value) {
        if (value == null) {
            return InboxCursor.FIRST;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\|", 2);
            return new InboxCursor(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            throw ApiError.badRequest("invalid_parameter", "before must be the next_before of a previous page");
        }
    }
}
