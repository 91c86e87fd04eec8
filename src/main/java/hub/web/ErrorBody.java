package hub.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Every refusal's body: {@code {"error": {"code": ..., "message": ...}}}; a refusal by a quota also says
 * which quota and its figures ({@code "quota": {"type", "current", "max", "remaining"}}).
 */
public record ErrorBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Error error) {

    /** A machine-readable code and a message for people. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String code,
                        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String message, Quota quota) {
    }

    /** The quota that refused: its type, current value, maximum and what remains (storage in MiB, the others counts). */
    public record Quota(String type, long current, long max, long remaining) {
    }

    public static ErrorBody of(String code, String message) {
        return new ErrorBody(new Error(code, message, null));
    }
}
