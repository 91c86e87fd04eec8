package hub.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * The answer to a request Tomcat refuses itself, before any filter of the hub runs (a path with {@code %2F},
 * a backslash or {@code %00}, a malformed request line), in the hub's {@code {"error":{"code","message"}}}
 * shape instead of Tomcat's HTML page. Errors the hub answers itself already have a body and pass untouched.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String code = status == 400 ? "bad_request" : status == 404 ? "not_found" : known != null && known.is4xxClientError()
                ? "bad_request" : "internal_error";
        String message = status == 400 ? "The request is not in a form the hub accepts"
                : known != null && known.is4xxClientError() ? known.getReasonPhrase() : "The request could not be completed";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the answer was committed meanwhile: nothing more to say
        }
    }
}
