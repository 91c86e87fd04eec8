package hub.api.knowledge;

import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import hub.web.ErrorBody;
import io.swagger.v3.oas.annotations.media.Schema;

/** One URL of a batch: accepted ({@code source_id}, {@code status}) or refused ({@code error}, as in any refusal). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UrlBatchItem(String url, boolean success, @Schema(nullable = true) UUID sourceId,
                           @Schema(nullable = true) String status, @Schema(nullable = true) ErrorBody.Error error) {

    public static UrlBatchItem accepted(String url, UUID sourceId, String status) {
        return new UrlBatchItem(url, true, sourceId, status, null);
    }

    public static UrlBatchItem refused(String url, ErrorBody.Error error) {
        return new UrlBatchItem(url, false, null, null, error);
    }
}
