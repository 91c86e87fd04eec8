package hub.api.knowledge;

import hub.api.OptionalBody;
import io.swagger.v3.oas.annotations.media.Schema;

/** {@code POST /api/chatbots/{id}/knowledge/sources/{sourceId}/resync} (optional body). */
@OptionalBody
public record ResyncSourceRequest(
        @Schema(description = "Re-embed even when the text did not change; default false") Boolean force) {
}
