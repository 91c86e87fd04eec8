package hub.api.contact;

import java.util.List;

/** A page of contacts, most recently active first. */
public record ContactPage(List<Contact> items, int limit, int offset) {
}
