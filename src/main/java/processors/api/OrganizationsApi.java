package processors.api;

import static hub.api.Fields.changed;

import java.util.UUID;

import hub.api.Rows;
import hub.api.organization.ApiKey;
import hub.api.organization.ApiKeyList;
import hub.api.organization.CreateApiKeyRequest;
import hub.api.organization.CreateOrganizationRequest;
import hub.api.organization.NewApiKey;
import hub.api.organization.Organization;
import hub.api.organization.OrganizationPage;
import hub.api.organization.UpdateOrganizationRequest;
import hub.security.Caller;
import hub.security.PeopleRepository;
import hub.tenant.OrganizationRepository;
import hub.tenant.OrganizationRepository.OrganizationFields;
import hub.web.ApiError;
import hub.web.RequestBodies;
import org.apache.camel.Exchange;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Organisations and their API keys: the platform operator's ({@code /api/admin/organizations...}) and an
 * organisation's own view of itself ({@code /api/organization}). Keys are shown once, at creation; listings
 * show the prefix only. Deactivating an organisation stops its chatbots from answering and its keys from
 * authenticating; nothing is deleted.
 */
@Component
public record OrganizationsApi(OrganizationRepository organizations, PeopleRepository people, RequestBodies bodies) {

    private static final OrganizationFields NO_CHANGE = new OrganizationFields(null, null, null, null, null, null, null, null, null, null);

    /** {@code GET /api/organization}: the caller's own organisation. */
    public void own(Exchange exchange) {
        exchange.getMessage().setBody(find(ApiParams.organization(exchange)));
    }

    /** {@code POST /api/admin/organizations}: 201 with the organisation. */
    public void create(Exchange exchange) {
        CreateOrganizationRequest body = bodies.read(exchange, CreateOrganizationRequest.class);
        var fields = new OrganizationFields(body.name(), body.slug(), body.planTier(), body.messageLimitMonthly(),
                body.tokenLimitMonthly(), body.maxKnowledgePdfs(), body.maxKnowledgeUrls(), body.maxKnowledgeIngestionsPerDay(),
                body.maxKnowledgeStorageMb(), null);
        try {
            ApiParams.created(exchange, find(organizations.create(fields)));
        } catch (DuplicateKeyException e) {
            throw slugTaken();
        }
    }

    public void list(Exchange exchange) {
        int limit = ApiParams.integer(exchange, "limit", 50, 1, 500);
        int offset = ApiParams.integer(exchange, "offset", 0, 0, Integer.MAX_VALUE);
        exchange.getMessage().setBody(new OrganizationPage(Rows.as(organizations.list(limit, offset), Organization.class),
                limit, offset));
    }

    public void read(Exchange exchange) {
        exchange.getMessage().setBody(find(id(exchange)));
    }

    /** {@code PATCH /api/admin/organizations/{id}}: fields left out stay as they are. */
    public void update(Exchange exchange) {
        UUID id = id(exchange);
        UpdateOrganizationRequest body = bodies.read(exchange, UpdateOrganizationRequest.class);
        var fields = new OrganizationFields(changed(body.name(), "name"), changed(body.slug(), "slug"),
                changed(body.planTier(), "plan_tier"), changed(body.messageLimitMonthly(), "message_limit_monthly"),
                changed(body.tokenLimitMonthly(), "token_limit_monthly"), changed(body.maxKnowledgePdfs(), "max_knowledge_pdfs"),
                changed(body.maxKnowledgeUrls(), "max_knowledge_urls"),
                changed(body.maxKnowledgeIngestionsPerDay(), "max_knowledge_ingestions_per_day"),
                changed(body.maxKnowledgeStorageMb(), "max_knowledge_storage_mb"), changed(body.isActive(), "is_active"));
        if (fields.equals(NO_CHANGE)) {
            throw ApiError.badRequest("missing_field", "Nothing to change: send at least one field");
        }
        change(id, fields);
        exchange.getMessage().setBody(find(id));
    }

    /** {@code DELETE /api/admin/organizations/{id}}: deactivates (keys stop working, chatbots stop answering). */
    public void deactivate(Exchange exchange) {
        UUID id = id(exchange);
        change(id, new OrganizationFields(null, null, null, null, null, null, null, null, null, false));
        exchange.getMessage().setBody(find(id));
    }

    /** {@code POST /api/admin/organizations/{id}/api-keys}: 201 with the key in plain text, shown this once. */
    public void createKey(Exchange exchange) {
        UUID id = id(exchange);
        find(id);
        createKey(exchange, id, "operator");
    }

    /** {@code POST /api/api-keys}: the caller's organisation's new key, shown this once. */
    public void createOwnKey(Exchange exchange) {
        Caller caller = TenantScope.caller(exchange);
        String createdBy = caller.userId() == null ? "api key"
                : people.account(caller.userId()).map(PeopleRepository.Account::email).orElse("console");
        createKey(exchange, ApiParams.organization(exchange), createdBy);
    }

    private void createKey(Exchange exchange, UUID organizationId, String createdBy) {
        String name = bodies.read(exchange, CreateApiKeyRequest.class).name();
        ApiParams.created(exchange, Rows.as(organizations.createKey(organizationId, name == null ? "api key" : name, null, createdBy),
                NewApiKey.class));
    }

    /** {@code GET /api/admin/organizations/{id}/api-keys?prefix=}: the keys, recognisable by prefix, never the key. */
    public void listKeys(Exchange exchange) {
        UUID id = id(exchange);
        find(id);
        listKeys(exchange, id);
    }

    /** {@code GET /api/api-keys?prefix=}: the caller's organisation's keys. */
    public void listOwnKeys(Exchange exchange) {
        listKeys(exchange, ApiParams.organization(exchange));
    }

    private void listKeys(Exchange exchange, UUID organizationId) {
        exchange.getMessage().setBody(new ApiKeyList(Rows.as(organizations.keys(organizationId, ApiParams.text(exchange, "prefix")),
                ApiKey.class)));
    }

    /** {@code DELETE /api/admin/organizations/{id}/api-keys/{keyId}}: revoked at once (next request: 401). */
    public void revokeKey(Exchange exchange) {
        revokeKey(exchange, id(exchange));
    }

    /** {@code DELETE /api/api-keys/{keyId}}: one of the caller's organisation's keys, revoked at once. */
    public void revokeOwnKey(Exchange exchange) {
        revokeKey(exchange, ApiParams.organization(exchange));
    }

    private void revokeKey(Exchange exchange, UUID organizationId) {
        UUID keyId = ApiParams.id(exchange, "keyId", "API key");
        if (!organizations.revokeKey(organizationId, keyId)) {
            throw ApiError.notFound("API key not found");
        }
        exchange.getMessage().setBody(Rows.as(organizations.key(organizationId, keyId).orElseThrow(), ApiKey.class));
    }

    private void change(UUID id, OrganizationFields fields) {
        try {
            if (!organizations.update(id, fields)) {
                throw notFound();
            }
        } catch (DuplicateKeyException e) {
            throw slugTaken();
        }
    }

    private Organization find(UUID id) {
        return Rows.as(organizations.find(id).orElseThrow(OrganizationsApi::notFound), Organization.class);
    }

    private static UUID id(Exchange exchange) {
        return ApiParams.id(exchange, "organizationId", "Organisation");
    }

    private static ApiError notFound() {
        return ApiError.notFound("Organisation not found");
    }

    private static ApiError slugTaken() {
        return ApiError.conflict("slug_taken", "Another organisation already uses this slug");
    }
}
