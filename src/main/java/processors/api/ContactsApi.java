package processors.api;

import static hub.api.Fields.changed;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.api.Rows;
import hub.api.contact.Contact;
import hub.api.contact.ContactPage;
import hub.api.contact.ConversationMessage;
import hub.api.contact.ConversationPage;
import hub.api.contact.UpdateContactRequest;
import hub.tenant.ContactRepository;
import hub.tenant.ContactRepository.ContactChanges;
import hub.web.ApiError;
import hub.web.RequestBodies;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The tenant's contacts: search, read, change (name, variables, tags, conversation mode) and their
 * conversation. Switching {@code conversation_mode} to {@code manual} is the human takeover: from that
 * moment the agent stays silent for the contact, also for a reply it is still preparing; {@code auto}
 * gives the conversation back to the agent.
 */
@Component
public record ContactsApi(ContactRepository contacts, RequestBodies bodies) {

    // keeps the variables sent as null, which the merge removes (the application's mapper leaves nulls out)
    private static final ObjectMapper VARIABLES = new ObjectMapper();

    /** {@code GET /api/contacts?chatbot_id=&q=&mode=&tag=&limit=&offset=}, most recently active first. */
    public void list(Exchange exchange) {
        String mode = ApiParams.oneOf(exchange, "mode", "auto", "manual");
        int limit = ApiParams.integer(exchange, "limit", 50, 1, 500);
        int offset = ApiParams.integer(exchange, "offset", 0, 0, Integer.MAX_VALUE);
        var rows = contacts.search(ApiParams.organization(exchange), ApiParams.optionalUuid(exchange, "chatbot_id"),
                ApiParams.text(exchange, "q"), mode, ApiParams.text(exchange, "tag"), limit, offset);
        exchange.getMessage().setBody(new ContactPage(Rows.as(rows, Contact.class), limit, offset));
    }

    public void read(Exchange exchange) {
        exchange.getMessage().setBody(find(ApiParams.organization(exchange), id(exchange)));
    }

    /**
     * {@code PATCH /api/contacts/{id}}: {@code variables} are merged (a variable set to null is removed),
     * {@code tags} replace the tags (null removes them), {@code conversation_mode} is auto or manual.
     */
    public void update(Exchange exchange) {
        UUID organization = ApiParams.organization(exchange);
        UUID id = id(exchange);
        UpdateContactRequest body = bodies.read(exchange, UpdateContactRequest.class);
        List<String> tags = body.tags() == null ? null : body.tags().map(t -> t.stream().distinct().toList()).orElse(List.of());
        var changes = new ContactChanges(changed(body.name(), "name"), variablesJson(changed(body.variables(), "variables")),
                tags, changed(body.conversationMode(), "conversation_mode"));
        if (changes.equals(new ContactChanges(null, null, null, null))) {
            throw ApiError.badRequest("missing_field", "Nothing to change: send name, variables, tags or conversation_mode");
        }
        if (!contacts.update(organization, id, changes)) {
            throw notFound();
        }
        exchange.getMessage().setBody(find(organization, id));
    }

    /**
     * {@code GET /api/contacts/{id}/messages?limit=&before=}: newest first; pass the last {@code id} of a page as
     * {@code before} for the next one ({@code next_before} in the answer, null on the last page).
     */
    public void messages(Exchange exchange) {
        UUID organization = ApiParams.organization(exchange);
        UUID id = id(exchange);
        find(organization, id);
        int limit = ApiParams.integer(exchange, "limit", 50, 1, 200);
        var items = Rows.as(contacts.messages(organization, id, ApiParams.optionalLong(exchange, "before"), limit),
                ConversationMessage.class);
        exchange.getMessage().setBody(new ConversationPage(items, items.size() == limit ? items.get(items.size() - 1).id() : null));
    }

    private Contact find(UUID organization, UUID id) {
        return Rows.as(contacts.find(organization, id).orElseThrow(ContactsApi::notFound), Contact.class);
    }

    private String variablesJson(Map<String, Object> variables) {
        if (variables == null) {
            return null;
        }
        try {
            String json = VARIABLES.writeValueAsString(variables);
            if (json.length() > UpdateContactRequest.MAX_VARIABLES_JSON) {
                throw RequestBodies.invalid("variables", "must be at most " + UpdateContactRequest.MAX_VARIABLES_JSON + " bytes of JSON");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw RequestBodies.invalid("variables", "must be a JSON object");
        }
    }

    static UUID id(Exchange exchange) {
        return ApiParams.id(exchange, "contactId", "Contact");
    }

    static ApiError notFound() {
        return ApiError.notFound("Contact not found");
    }
}
