package hub.web;

import java.util.UUID;

import org.apache.camel.Exchange;

/** Path parameters of the API. */
public final class PathParams {

    private PathParams() {
    }

    /** A path parameter that must be a UUID; anything else cannot name a resource, so it is 404. */
    public static UUID uuid(Exchange exchange, String name, String what) {
        String value = exchange.getIn().getHeader(name, String.class);
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiError.notFound(what + " not found");
        }
    }
}
