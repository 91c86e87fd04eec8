package hub.api.people;

import java.util.List;

/** The organisation's people, in the order they were added. */
public record PersonList(List<Person> items) {
}
