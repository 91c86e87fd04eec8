package processors.api;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;

import hub.ExchangeKeys;
import hub.web.ApiError;
import hub.web.PathParams;
import org.apache.camel.Exchange;

/**
 * Query and path parameters of the management API, validated: a bad query parameter is a 400
 * {@code invalid_parameter} naming it; a path parameter that cannot name a resource is a 404.
 */
public final class ApiParams {

    private ApiParams() {
    }

    /** The caller's organisation, put there by {@link TenantScope}. */
    public static UUID organization(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.ORGANIZATION_ID, UUID.class);
    }

    public static String text(Exchange exchange, String name) {
        String value = exchange.getIn().getHeader(name, String.class);
        if (value != null && value.indexOf('\0') >= 0) {
            throw ApiError.badRequest("invalid_parameter", name + " must not hold a NUL character");
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    public static int integer(Exchange exchange, String name, int fallback, int min, int max) {
        String value = text(exchange, name);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid_parameter", name + " must be a whole number between " + min + " and " + max);
        }
    }

    /** A query parameter that must be one of {@code values} when present. */
    public static String oneOf(Exchange exchange, String name, String... values) {
        String value = text(exchange, name);
        if (value != null && !Arrays.asList(values).contains(value)) {
            throw ApiError.badRequest("invalid_parameter", name + " must be one of " + String.join(", ", values));
        }
        return value;
    }

    public static Long optionalLong(Exchange exchange, String name) {
        return optional(exchange, name, Long::valueOf, "a whole number");
    }

    public static Boolean optionalBoolean(Exchange exchange, String name) {
        return optional(exchange, name, value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(value);
        }, "true or false");
    }

    /** A query parameter that must be a UUID when present (it filters, so a bad one is a bad request). */
    public static UUID optionalUuid(Exchange exchange, String name) {
        return optional(exchange, name, UUID::fromString, "a UUID");
    }

    public static LocalDate optionalDate(Exchange exchange, String name) {
        return optional(exchange, name, LocalDate::parse, "a date (yyyy-MM-dd)");
    }

    private static <T> T optional(Exchange exchange, String name, Function<String, T> parse, String expected) {
        String value = text(exchange, name);
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw ApiError.badRequest("invalid_parameter", name + " must be " + expected);
        }
    }

    /** A path parameter naming a resource: anything that is not a UUID names nothing (404). */
    public static UUID id(Exchange exchange, String name, String what) {
        return PathParams.uuid(exchange, name, what);
    }

    /** A path parameter naming a resource by a numeric id: anything that is not a whole number names nothing (404). */
    public static long numericId(Exchange exchange, String name, String what) {
        try {
            return Long.parseLong(exchange.getIn().getHeader(name, String.class));
        } catch (NumberFormatException e) {
            throw ApiError.notFound(what + " not found");
        }
    }

    public static void created(Exchange exchange, Object body) {
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
    }
}
