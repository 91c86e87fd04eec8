package hub.knowledge.api;

import hub.config.HubProperties;
import hub.web.ApiError;
import hub.web.ErrorBody;
import hub.web.RequestPaths;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Uploads the servlet layer refuses before any route sees them, in the hub's error shape: a multipart body that
 * streams past the limit (a chunked body has no length to refuse it up front, see {@link hub.web.ApiBodyGuard}) is 413
 * with the connection closed; one it cannot parse (no boundary, cut off, a NUL in a file name) is 400, not a 500.
 */
@RestControllerAdvice
public class UploadRefusals {

    private static final Logger log = LoggerFactory.getLogger(UploadRefusals.class);
    private final DataSize maxUpload;

    public UploadRefusals(HubProperties hub) {
        this.maxUpload = hub.ingest().maxUploadSize();
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ErrorBody> tooLarge(MaxUploadSizeExceededException e) {
        ApiError refusal = ApiError.fileTooLarge(maxUpload);
        log.info("Upload refused: {}", refusal.getMessage());
        return ResponseEntity.status(refusal.status()).header(HttpHeaders.CONNECTION, "close")
                .contentType(MediaType.APPLICATION_JSON).body(refusal.body());
    }

    /** Null when the body limit has answered already (413, while the body streamed). */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ErrorBody> unreadable(MultipartException e, HttpServletRequest request, HttpServletResponse response) {
        if (response.isCommitted()) {
            return null;
        }
        log.info("{} {} refused: 400 invalid_body ({})", request.getMethod(), RequestPaths.of(request),
                NestedExceptionUtils.getMostSpecificCause(e).getClass().getSimpleName());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                .body(ErrorBody.of("invalid_body", "The multipart body could not be read"));
    }
}
