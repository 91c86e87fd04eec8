package processors.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.tenant.ContactRepository;
import hub.tenant.ContactRepository.ContactChanges;
import hub.web.ApiError;
import hub.web.JsonRequest;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The tenant's contacts: search, read, change (name, variables, tags, conversation mode) and their
 * conversation. Switching {@code conversation_mode} to {@code manual} is the human takeover: from that
 * moment the agent stays silent for the contact, also for a reply it is still preparing; {@code auto}
 * gives the conversation back to the agent.
 */
@Component
public class ContactsApi {

    private static final Set<String> FIELDS = Set.of("name", "variables", "tags", "conversation_mode");
    private static final Set<String> MODES = Set.of("auto", "manual");

    private final ContactRepository contacts;
    private final ObjectMapper mapper;

    public ContactsApi(ContactRepository contacts, ObjectMapper mapper) {
        this.contacts = contacts;
        this.mapper = mapper;
    }

    /** {@code GET /api/contacts?chatbot_id=&q=&mode=&tag=&limit=&offset=}, most recently active first. */
    public void list(Exchange exchange) {
        String mode = ApiParams.text(exchange, "mode");
        if (mode != null && !MODES.contains(mode)) {
            throw ApiError.badRequest("invalid_parameter", "mode must be auto or manual");
        }
        int limit = ApiParams.integer(exchange, "limit", 50, 1, 500);
        int offset = ApiParams.integer(exchange, "offset", 0, 0, Integer.MAX_VALUE);
        var items = contacts.search(ApiParams.organization(exchange), ApiParams.optionalUuid(exchange, "chatbot_id"),
                ApiParams.text(exchange, "q"), mode, ApiParams.text(exchange, "tag"), limit, offset);
        exchange.getMessage().setBody(Map.of("items", items, "limit", limit, "offset", offset));
    }

    public void read(Exchange exchange) {
        exchange.getMessage().setBody(contacts.find(ApiParams.organization(exchange), id(exchange))
                .orElseThrow(ContactsApi::notFound));
    }

    /**
     * {@code PATCH /api/contacts/{id}}: {@code variables} are merged (a variable set to null is removed),
     * {@code tags} replace the tags, {@code conversation_mode} is auto or manual.
     */
    public void update(Exchange exchange) {
        UUID organization = ApiParams.organization(exchange);
        UUID id = id(exchange);
        JsonRequest body = JsonRequest.of(exchange, mapper, FIELDS);
        if (body.isEmpty()) {
            throw ApiError.badRequest("missing_field", "Nothing to change: send name, variables, tags or conversation_mode");
        }
        var changes = new ContactChanges(body.text("name", 200), body.objectJson("variables", 16_384),
                body.strings("tags", 50, 64), body.oneOf("conversation_mode", MODES));
        if (!contacts.update(organization, id, changes)) {
            throw notFound();
        }
        exchange.getMessage().setBody(contacts.find(organization, id).orElseThrow(ContactsApi::notFound));
    }

    /**
     * {@code GET /api/contacts/{id}/messages?limit=&before=}: newest first; pass the last {@code id} of a page as
     * {@code before} for the next one ({@code next_before} in the answer, null on the last page).
     */
    public void messages(Exchange exchange) {
        UUID organization = ApiParams.organization(exchange);
        UUID id = id(exchange);
        contacts.find(organization, id).orElseThrow(ContactsApi::notFound);
        int limit = ApiParams.integer(exchange, "limit", 50, 1, 200);
        var items = contacts.messages(organization, id, ApiParams.optionalLong(exchange, "before"), limit);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        page.put("next_before", items.size() == limit ? items.get(items.size() - 1).get("id") : null);
        exchange.getMessage().setBody(page);
    }

    static UUID id(Exchange exchange) {
        return ApiParams.id(exchange, "contactId", "Contact");
    }

    static ApiError notFound() {
        return ApiError.notFound("Contact not found");
    }
}
