package hub.contract;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * One request to the hub and its answer, as a test client saw them. {@code requestKnown} is false when the
 * client cannot tell what it sent (a body streamed from a socket): then only the answer is checked.
 */
public record ApiCall(String method, String target, Map<String, String> requestHeaders, String requestBody,
                      boolean requestKnown, int status, String contentType, String responseBody) {

    public ApiCall {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(requestHeaders);
        requestHeaders = headers;
    }

    /** An answer whose request is not known byte for byte. */
    public static ApiCall answerOnly(String method, String target, int status, String contentType, String responseBody) {
        return new ApiCall(method, target, Map.of(), null, false, status, contentType, responseBody);
    }

    /** A java.net.http exchange; the request body is read back only when the hub accepted it (2xx). */
    public static ApiCall of(HttpRequest request, HttpResponse<String> response) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.headers().map().forEach((name, values) -> headers.put(name, String.join(",", values)));
        String target = request.uri().getRawPath() + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery());
        boolean accepted = response.statusCode() / 100 == 2;
        String contentType = headers.getOrDefault("Content-Type", "");
        boolean readable = contentType.isEmpty() || contentType.toLowerCase(Locale.ROOT).contains("json");
        String body = accepted && readable ? bodyOf(request) : null;
        return new ApiCall(request.method(), target, headers, body, accepted && readable, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body());
    }

    public String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    public String query() {
        int query = target.indexOf('?');
        return query < 0 ? "" : target.substring(query + 1);
    }

    private static String bodyOf(HttpRequest request) {
        if (request.bodyPublisher().isEmpty() || request.bodyPublisher().get().contentLength() == 0) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read back the request body of " + request.method() + " " + request.uri(), e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
