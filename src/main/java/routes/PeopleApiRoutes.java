package routes;

import hub.api.organization.ApiKey;
import hub.api.organization.ApiKeyList;
import hub.api.organization.CreateApiKeyRequest;
import hub.api.organization.NewApiKey;
import hub.api.people.CreateOwnerRequest;
import hub.api.people.CreatePersonRequest;
import hub.api.people.InitialPassword;
import hub.api.people.NewPerson;
import hub.api.people.Person;
import hub.api.people.PersonList;
import hub.api.people.UpdatePersonRequest;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;
import processors.api.OrganizationsApi;
import processors.api.PeopleApi;

/**
 * The organisation's people and API keys, for its owners (an agent's console session gets 403; an API key counts
 * as an owner), and the operator's first owner of an organisation.
 */
@Component
public class PeopleApiRoutes extends ApiRoutes {

    private static final String EMAIL_TAKEN = "A user already has this e-mail address (email_taken)";

    private final PeopleApi people;
    private final OrganizationsApi organizations;

    public PeopleApiRoutes(PeopleApi people, OrganizationsApi organizations) {
        this.people = people;
        this.organizations = organizations;
    }

    @Override
    protected void routes() {
        rest("/api/people").description("The people who sign in to the console (owners only)")
                .get().id("api-people").description("The organisation's people, in the order they were added")
                    .outType(PersonList.class).to(tenantJson("people-list", people::list, "list-people"))
                .post().id("api-person-create")
                    .description("Add a person as owner or agent; the answer holds their initial password, shown this once, "
                            + "which they must change at their first sign-in")
                    .type(CreatePersonRequest.class)
                    .responseMessage(response(201, "Created", NewPerson.class))
                    .responseMessage(refusal(409, EMAIL_TAKEN))
                    .to(tenantJson("person-create", people::create, "create-person"))
                .patch("/{userId}").id("api-person-update")
                    .description("Change a person's name, role or active state; fields left out stay. A deactivated person "
                            + "is signed out")
                    .type(UpdatePersonRequest.class).outType(Person.class)
                    .responseMessage(refusal(409, "The last active owner cannot be demoted or deactivated (last_owner)"))
                    .to(tenantJson("person-update", people::update, "update-person"))
                .post("/{userId}/password-reset").id("api-person-password-reset")
                    .description("Give a person a new initial password (shown this once); they are signed out everywhere")
                    .outType(InitialPassword.class).to(tenantJson("person-password-reset", people::resetPassword, "reset-person-password"));
        rest("/api/api-keys").description("The organisation's API keys (owners only)")
                .get().id("api-api-keys").description("The organisation's API keys by prefix (never the key), newest first")
                    .param().name("prefix").type(RestParamType.query).description("keys whose prefix starts with this").endParam()
                    .outType(ApiKeyList.class).to(tenantJson("api-keys-list", organizations::listOwnKeys, "list-own-api-keys"))
                .post().id("api-api-key-create").description("Create an API key; the key is in this answer only. The body is optional")
                    .type(CreateApiKeyRequest.class)
                    .responseMessage(response(201, "Created", NewApiKey.class))
                    .to(tenantJson("api-key-create", organizations::createOwnKey, "create-own-api-key"))
                .delete("/{keyId}").id("api-api-key-revoke").description("Revoke an API key at once")
                    .outType(ApiKey.class).to(tenantJson("api-key-revoke", organizations::revokeOwnKey, "revoke-own-api-key"));
        rest("/api/admin/organizations").description("Organisations and their API keys (operator token)")
                .post("/{organizationId}/owners").id("api-admin-owner-create")
                    .description("Add an owner to an organisation (its first person); the answer holds the initial password, "
                            + "shown this once, which the owner must change at the first sign-in")
                    .type(CreateOwnerRequest.class)
                    .responseMessage(response(201, "Created", NewPerson.class))
                    .responseMessage(refusal(409, EMAIL_TAKEN))
                    .to(operatorJson("admin-owner-create", people::createOwner, "create-owner"));
    }
}
