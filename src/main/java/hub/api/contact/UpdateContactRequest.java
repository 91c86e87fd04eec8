package hub.api.contact;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.valueextraction.Unwrapping;

/**
 * {@code PATCH /api/contacts/{id}}: fields left out stay as they are. {@code variables} are merged into the
 * contact's (a variable sent as null is removed); {@code tags} replace the tags (null removes them all);
 * {@code conversation_mode} {@code manual} is the human takeover, {@code auto} gives the conversation back to
 * the agent. {@code name}, {@code variables} and {@code conversation_mode} cannot be null.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UpdateContactRequest(
        Optional<@Size(min = 1, max = 200) String> name,
        @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                description = "Variables to merge: names the organisation chose, any JSON values; null removes a variable")
        Optional<Map<String, Object>> variables,
        @ArraySchema(arraySchema = @Schema(nullable = true))
        @Size(max = 50, payload = Unwrapping.Unwrap.class) Optional<List<@NotNull @Size(min = 1, max = 64) String>> tags,
        @Schema(allowableValues = {"auto", "manual"})
        Optional<@Pattern(regexp = "auto|manual", message = "must be auto or manual") String> conversationMode) {

    /** The most JSON {@code variables} may hold. */
    public static final int MAX_VARIABLES_JSON = 16_384;
}
