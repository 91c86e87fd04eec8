package hub.knowledge.api;

import hub.config.HubProperties;
import hub.web.ErrorBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload whose multipart body streams past the servlet layer's limit (a chunked body has no length to refuse
 * it up front, see {@link hub.web.ApiBodyGuard}): 413 in the hub's error shape, and the connection closed.
 */
@RestControllerAdvice
public class UploadTooLarge {

    private static final Logger log = LoggerFactory.getLogger(UploadTooLarge.class);
    private final long maxUploadBytes;

    public UploadTooLarge(HubProperties hub) {
        this.maxUploadBytes = hub.ingest().maxUploadSize().toBytes();
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ErrorBody> refuse(MaxUploadSizeExceededException e) {
        log.info("Upload refused: multipart body over the {} MiB file limit", maxUploadBytes / (1024 * 1024));
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                .body(ErrorBody.of("payload_too_large", "Files are limited to " + maxUploadBytes / (1024 * 1024) + " MiB"));
    }
}
