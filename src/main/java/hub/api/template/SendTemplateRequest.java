package hub.api.template;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/contacts/{id}/templates}: an approved template by name and language, its body's {{1}}, {{2}} ...
 * filled with {@code parameters} in order.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SendTemplateRequest(
        @NotBlank @Size(max = 512) @Pattern(regexp = "[a-z0-9_]+", message = "must be the template's name (a-z, 0-9 and _)") String name,
        @NotBlank @Pattern(regexp = "[a-z]{2,3}(_[A-Za-z]{2,4})?", message = "must be a language code such as es, en_US or es_MX")
        @Schema(example = "es_MX") String language,
        @ArraySchema(arraySchema = @Schema(nullable = true)) @Size(max = 50) List<@NotNull @NotBlank @Size(max = 1024) String> parameters) {
}
