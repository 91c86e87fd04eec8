package hub.api.tool;

import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An integration's credentials, write-only: sent to its tool server as HTTP headers, stored encrypted and
 * never shown. {@code bearer_token} becomes {@code Authorization: Bearer ...}, {@code api_key} the header
 * {@code api_key_header} ({@code X-API-Key} by default); {@code headers} are sent as given.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ToolServerCredentials(
        @Schema(nullable = true) @Size(min = 1, max = 4096) String bearerToken,
        @Schema(nullable = true) @Size(min = 1, max = 4096) String apiKey,
        @Schema(nullable = true) @Size(min = 1, max = 100) @Pattern(regexp = HEADER_NAME, message = HEADER_NAME_RULE) String apiKeyHeader,
        @Schema(nullable = true, description = "Header name → value; the keys are header names, not API fields")
        @Size(max = 20) Map<@Pattern(regexp = HEADER_NAME, message = HEADER_NAME_RULE) @Size(max = 100) String,
                @NotNull @Size(max = 4096) String> headers) {

    static final String HEADER_NAME = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    static final String HEADER_NAME_RULE = "must be HTTP header names";
}
