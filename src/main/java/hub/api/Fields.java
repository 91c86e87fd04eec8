package hub.api;

import java.util.Optional;

import hub.web.RequestBodies;

/** The three states of a PATCH field: left out (keep), sent as null (clear), sent with a value. */
public final class Fields {

    private Fields() {
    }

    /** The new value, or null to keep the current one; a field that cannot be cleared refuses null. */
    public static <T> T changed(Optional<T> field, String name) {
        if (field != null && field.isEmpty()) {
            throw RequestBodies.invalid(name, "cannot be null; leave it out to keep the current value");
        }
        return field == null ? null : field.get();
    }

    /** The new text, "" when sent as null (cleared), or null to keep the current one. */
    public static String clearable(Optional<String> field) {
        return field == null ? null : field.orElse("");
    }
}
