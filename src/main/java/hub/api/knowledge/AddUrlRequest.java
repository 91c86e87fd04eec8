package hub.api.knowledge;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/chatbots/{id}/knowledge/url}: a web page (or a document served at a URL) to ingest, and its name. */
public record AddUrlRequest(@NotBlank @Size(max = 2048) String url, @Size(min = 1, max = 500) String name) {
}
