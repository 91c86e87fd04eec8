package hub.api.organization;

import hub.api.OptionalBody;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/admin/organizations/{id}/api-keys}: a name to recognise the key by ({@code api key} when left
 * out). The body is optional.
 */
@OptionalBody
public record CreateApiKeyRequest(@Schema(nullable = true) @Size(min = 1, max = 200) String name) {
}
