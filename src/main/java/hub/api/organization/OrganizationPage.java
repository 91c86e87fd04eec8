package hub.api.organization;

import java.util.List;

/** A page of organisations, newest first. */
public record OrganizationPage(List<Organization> items, int limit, int offset) {
}
