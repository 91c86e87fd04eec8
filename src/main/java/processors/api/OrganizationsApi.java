package processors.api;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import hub.tenant.OrganizationRepository;
import hub.tenant.OrganizationRepository.OrganizationFields;
import hub.web.ApiError;
import hub.web.JsonRequest;
import org.apache.camel.Exchange;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The platform operator's organisations and API keys ({@code /api/admin/organizations...}). Keys are
 * shown once, at creation; listings show the prefix only. Deactivating an organisation stops its
 * chatbots from answering and its keys from authenticating; nothing is deleted.
 */
@Component
public class OrganizationsApi {

    static final Set<String> PLAN_TIERS = Set.of("free", "starter", "pro", "enterprise");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    private static final Set<String> FIELDS = Set.of("name", "slug", "plan_tier", "message_limit_monthly",
            "token_limit_monthly", "max_knowledge_pdfs", "max_knowledge_urls", "max_knowledge_ingestions_per_day",
            "max_knowledge_storage_mb", "is_active");
    private static final Set<String> KEY_FIELDS = Set.of("name");

    private final OrganizationRepository organizations;
    private final ObjectMapper mapper;

    public OrganizationsApi(OrganizationRepository organizations, ObjectMapper mapper) {
        this.organizations = organizations;
        this.mapper = mapper;
    }

    /** {@code POST /api/admin/organizations}: 201 with the organisation. */
    public void create(Exchange exchange) {
        JsonRequest body = JsonRequest.of(exchange, mapper, FIELDS);
        body.requiredText("name", 200);
        if (body.has("is_active")) {
            throw ApiError.badRequest("invalid_field", "'is_active' cannot be set at creation: an organisation starts active");
        }
        try {
            UUID id = organizations.create(fields(body));
            ApiParams.created(exchange, organizations.find(id).orElseThrow());
        } catch (DuplicateKeyException e) {
            throw ApiError.conflict("slug_taken", "Another organisation already uses this slug");
        }
    }

    public void list(Exchange exchange) {
        int limit = ApiParams.integer(exchange, "limit", 50, 1, 500);
        int offset = ApiParams.integer(exchange, "offset", 0, 0, Integer.MAX_VALUE);
        exchange.getMessage().setBody(Map.of("items", organizations.list(limit, offset), "limit", limit, "offset", offset));
    }

    public void read(Exchange exchange) {
        exchange.getMessage().setBody(organizations.find(id(exchange)).orElseThrow(OrganizationsApi::notFound));
    }

    /** {@code PATCH /api/admin/organizations/{id}}: fields left out stay as they are. */
    public void update(Exchange exchange) {
        UUID id = id(exchange);
        JsonRequest body = JsonRequest.of(exchange, mapper, FIELDS);
        if (body.isEmpty()) {
            throw ApiError.badRequest("missing_field", "Nothing to change: send at least one of " + String.join(", ",
                    FIELDS.stream().sorted().toList()));
        }
        try {
            if (!organizations.update(id, fields(body))) {
                throw notFound();
            }
        } catch (DuplicateKeyException e) {
            throw ApiError.conflict("slug_taken", "Another organisation already uses this slug");
        }
        exchange.getMessage().setBody(organizations.find(id).orElseThrow(OrganizationsApi::notFound));
    }

    /** {@code DELETE /api/admin/organizations/{id}}: deactivates (keys stop working, chatbots stop answering). */
    public void deactivate(Exchange exchange) {
        UUID id = id(exchange);
        if (!organizations.update(id, new OrganizationFields(null, null, null, null, null, null, null, null, null, false))) {
            throw notFound();
        }
        exchange.getMessage().setBody(organizations.find(id).orElseThrow(OrganizationsApi::notFound));
    }

    /** {@code POST /api/admin/organizations/{id}/api-keys}: 201 with the key in plain text, shown this once. */
    public void createKey(Exchange exchange) {
        UUID id = id(exchange);
        JsonRequest body = JsonRequest.optional(exchange, mapper, KEY_FIELDS);
        organizations.find(id).orElseThrow(OrganizationsApi::notFound);
        String name = body.text("name", 200);
        ApiParams.created(exchange, organizations.createKey(id, name == null ? "api key" : name, null));
    }

    /** {@code GET /api/admin/organizations/{id}/api-keys?prefix=}: the keys, recognisable by prefix, never the key. */
    public void listKeys(Exchange exchange) {
        UUID id = id(exchange);
        organizations.find(id).orElseThrow(OrganizationsApi::notFound);
        exchange.getMessage().setBody(Map.of("items", organizations.keys(id, ApiParams.text(exchange, "prefix"))));
    }

    /** {@code DELETE /api/admin/organizations/{id}/api-keys/{keyId}}: revoked at once (next request: 401). */
    public void revokeKey(Exchange exchange) {
        UUID id = id(exchange);
        UUID keyId = ApiParams.id(exchange, "keyId", "API key");
        if (!organizations.revokeKey(id, keyId)) {
            throw ApiError.notFound("API key not found");
        }
        exchange.getMessage().setBody(organizations.key(id, keyId).orElseThrow());
    }

    private static OrganizationFields fields(JsonRequest body) {
        return new OrganizationFields(body.text("name", 200),
                body.text("slug", 64, SLUG, "must be lower-case letters, digits and dashes"),
                body.oneOf("plan_tier", PLAN_TIERS),
                body.integer("message_limit_monthly", 0, Integer.MAX_VALUE),
                body.integer("token_limit_monthly", 0, Long.MAX_VALUE),
                body.integer("max_knowledge_pdfs", 0, Integer.MAX_VALUE),
                body.integer("max_knowledge_urls", 0, Integer.MAX_VALUE),
                body.integer("max_knowledge_ingestions_per_day", 0, Integer.MAX_VALUE),
                body.integer("max_knowledge_storage_mb", 0, Integer.MAX_VALUE),
                body.bool("is_active"));
    }

    private static UUID id(Exchange exchange) {
        return ApiParams.id(exchange, "organizationId", "Organisation");
    }

    private static ApiError notFound() {
        return ApiError.notFound("Organisation not found");
    }
}
