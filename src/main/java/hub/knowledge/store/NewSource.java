package hub.knowledge.store;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A source to create. {@code content} is the original upload (null for a URL, whose page is stored
 * with {@link KnowledgeSources#storeContent} once fetched); its size is what the storage quota
 * counts. {@code filePath} is the URL for url sources.
 */
public record NewSource(UUID organizationId, UUID chatbotId, SourceType type, String name, String filePath,
                        String originalFilename, String contentType, byte[] content, Map<String, Object> metadata) {

    public NewSource {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(chatbotId, "chatbotId");
        Objects.requireNonNull(type, "type");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a knowledge source needs a name");
        }
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** An uploaded file (pdf, docx, text, markdown, html). */
    public static NewSource upload(UUID organizationId, UUID chatbotId, SourceType type, String name,
                                   String originalFilename, String contentType, byte[] content) {
        return new NewSource(organizationId, chatbotId, type, name, originalFilename, originalFilename, contentType,
                Objects.requireNonNull(content, "content"), Map.of());
    }

    /** A web page, fetched later. */
    public static NewSource url(UUID organizationId, UUID chatbotId, String url, String name) {
        return new NewSource(organizationId, chatbotId, SourceType.URL, name == null || name.isBlank() ? url : name,
                url, null, null, null, Map.of());
    }

    public long sizeBytes() {
        return content == null ? 0 : content.length;
    }
}
