package hub.api.knowledge;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /api/chatbots/{id}/knowledge/upload}, sent as multipart/form-data: the file in the part {@code file}
 * (at most hub.ingest.max-upload-size, 10 MiB) and an optional {@code name} field (default: the file name).
 */
@Schema(description = "multipart/form-data: the part 'file' (required) and the field 'name'")
public record UploadKnowledgeRequest(@Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED)
                                     byte[] file, String name) {
}
