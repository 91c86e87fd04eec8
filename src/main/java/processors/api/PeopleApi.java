package processors.api;

import static hub.api.Fields.changed;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import hub.api.Rows;
import hub.api.people.CreateOwnerRequest;
import hub.api.people.CreatePersonRequest;
import hub.api.people.InitialPassword;
import hub.api.people.NewPerson;
import hub.api.people.Person;
import hub.api.people.PersonList;
import hub.api.people.UpdatePersonRequest;
import hub.security.Caller;
import hub.security.PasswordResets;
import hub.security.PeopleRepository;
import hub.security.PersonAccounts;
import hub.tenant.OrganizationRepository;
import hub.web.ApiError;
import hub.web.RequestBodies;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The organisation's people ({@code /api/people}, owners only) and the operator's first owner of an organisation
 * ({@code /api/admin/organizations/{id}/owners}). A new person and a password reset answer an initial password,
 * shown that once, which must be changed at the next sign-in; when the hub has a mail server, the person is also
 * e-mailed a link to choose their own password (an invitation, or the news of the reset).
 */
@Component
public record PeopleApi(PeopleRepository people, PersonAccounts accounts, OrganizationRepository organizations,
                        RequestBodies bodies, PasswordResets links) {

    public void list(Exchange exchange) {
        exchange.getMessage().setBody(new PersonList(Rows.as(people.list(ApiParams.organization(exchange)), Person.class)));
    }

    /** {@code POST /api/people}: 201 with the person and the initial password. */
    public void create(Exchange exchange) {
        CreatePersonRequest body = bodies.read(exchange, CreatePersonRequest.class);
        ApiParams.created(exchange, add(ApiParams.organization(exchange), body.email(), body.fullName(), body.role()));
    }

    /** {@code POST /api/admin/organizations/{organizationId}/owners}: 201 with the owner and the initial password. */
    public void createOwner(Exchange exchange) {
        UUID organizationId = ApiParams.id(exchange, "organizationId", "Organisation");
        if (organizations.find(organizationId).isEmpty()) {
            throw ApiError.notFound("Organisation not found");
        }
        CreateOwnerRequest body = bodies.read(exchange, CreateOwnerRequest.class);
        ApiParams.created(exchange, add(organizationId, body.email(), body.fullName(), Caller.OWNER));
    }

    /** {@code PATCH /api/people/{userId}}: fields left out stay; 409 {@code last_owner} for the last active owner. */
    public void update(Exchange exchange) {
        UUID organizationId = ApiParams.organization(exchange);
        UUID userId = userId(exchange);
        UpdatePersonRequest body = bodies.read(exchange, UpdatePersonRequest.class);
        String fullName = changed(body.fullName(), "full_name");
        String role = changed(body.role(), "role");
        Boolean active = changed(body.isActive(), "is_active");
        if (fullName == null && role == null && active == null) {
            throw ApiError.badRequest("missing_field", "Nothing to change: send at least one field");
        }
        if (!accounts.update(organizationId, userId, fullName, role, active)) {
            throw notFound();
        }
        exchange.getMessage().setBody(find(organizationId, userId));
    }

    /**
     * {@code POST /api/people/{userId}/password-reset}: a new initial password, and the person e-mailed a link to choose
     * their own; the person is signed out everywhere.
     */
    public void resetPassword(Exchange exchange) {
        UUID userId = userId(exchange);
        String password = accounts.resetPassword(ApiParams.organization(exchange), userId).orElseThrow(PeopleApi::notFound);
        exchange.getMessage().setBody(new InitialPassword(password, links.give(userId, PasswordResets.Given.PASSWORD_RESET)));
    }

    private NewPerson add(UUID organizationId, String email, String fullName, String role) {
        PersonAccounts.Created created = accounts.create(organizationId, email, fullName, role, true);
        Map<String, Object> row = new LinkedHashMap<>(people.find(organizationId, created.id()).orElseThrow());
        row.put("initial_password", created.initialPassword());
        row.put("invitation_sent", links.give(created.id(), PasswordResets.Given.INVITATION));
        return Rows.as(row, NewPerson.class);
    }

    private Person find(UUID organizationId, UUID userId) {
        return Rows.as(people.find(organizationId, userId).orElseThrow(PeopleApi::notFound), Person.class);
    }

    private static UUID userId(Exchange exchange) {
        return ApiParams.id(exchange, "userId", "Person");
    }

    private static ApiError notFound() {
        return ApiError.notFound("Person not found");
    }
}
