package hub.api.lead;

import java.util.List;

/** A page of the organisation's leads, most recently updated first. */
public record LeadList(List<Lead> leads, int limit, int offset) {
}
