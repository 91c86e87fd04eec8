package hub;

import java.net.http.HttpResponse;

/** JSON calls to the hub as one caller; {@link #send} says how the caller shows who it is. */
public interface JsonCalls {

    HttpResponse<String> send(String method, String path, Object json);

    default HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    default HttpResponse<String> post(String path, Object json) {
        return send("POST", path, json);
    }

    default HttpResponse<String> patch(String path, Object json) {
        return send("PATCH", path, json);
    }

    default HttpResponse<String> put(String path, Object json) {
        return send("PUT", path, json);
    }

    default HttpResponse<String> delete(String path) {
        return send("DELETE", path, null);
    }
}
