package hub.api.organization;

import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/admin/organizations/{id}/api-keys}: a name to recognise the key by ({@code api key} when left
 * out). The body is optional.
 */
public record CreateApiKeyRequest(@Size(min = 1, max = 200) String name) {
}
