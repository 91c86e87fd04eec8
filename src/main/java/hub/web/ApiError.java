package hub.web;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.util.unit.DataSize;

/**
 * A request the hub refuses, with the HTTP status, a machine-readable code and a human message.
 * Rendered everywhere as {@code {"error": {"code": ..., "message": ...}}}.
 */
public class ApiError extends RuntimeException {

    private final int status;
    private final String code;

    public ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public ErrorBody body() {
        return ErrorBody.of(code, getMessage());
    }

    /** HTTP headers the answer carries besides the body (for example Retry-After). */
    public Map<String, String> headers() {
        return Map.of();
    }

    /** Writes the refusal as the answer of a servlet filter or handler: status, headers and the JSON body. */
    public void writeTo(HttpServletResponse response, ObjectMapper mapper) throws IOException {
        response.setStatus(status);
        headers().forEach(response::setHeader);
        response.setContentType("application/json");
        mapper.writeValue(response.getOutputStream(), body());
    }

    public static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message);
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(401, "unauthorized", message);
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }

    public static ApiError conflict(String code, String message) {
        return new ApiError(409, code, message);
    }

    public static ApiError unprocessable(String code, String message) {
        return new ApiError(422, code, message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    /** An uploaded file over {@code hub.ingest.max-upload-size}, wherever it is found out: "Files are limited to 10 MiB". */
    public static ApiError fileTooLarge(DataSize limit) {
        double kib = limit.toBytes() / 1024.0;
        String size = kib < 100 ? figure(kib) + " KiB" : figure(kib / 1024) + " MiB";
        return new ApiError(413, "payload_too_large", "Files are limited to " + size);
    }

    private static String figure(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
