package hub;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A browser of the console over real HTTP: keeps the {@code HUB_SESSION} cookie the hub sets and the CSRF token
 * of {@code GET /console/session}, and sends both as the console's pages do (the token on unsafe methods only).
 */
public final class ConsoleBrowser implements JsonCalls {

    public static final String COOKIE = "HUB_SESSION";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final HubHttp http;
    private String session;
    private String csrf;
    private String setCookie;

    public ConsoleBrowser(HubHttp http) {
        this.http = http;
    }

    /** A browser signed in as {@code email}. */
    public static ConsoleBrowser signedIn(HubHttp http, String email, String password) {
        ConsoleBrowser browser = new ConsoleBrowser(http);
        HttpResponse<String> answer = browser.signIn(email, password);
        if (answer.statusCode() != 200) {
            throw new AssertionError("sign-in of " + email + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return browser;
    }

    /** {@code GET /console/session}, keeping its CSRF token. */
    public JsonNode session() {
        JsonNode body = ApiClient.json(send("GET", "/console/session", null));
        csrf = body.path("csrf_token").asText(null);
        return body;
    }

    public HttpResponse<String> signIn(String email, String password) {
        if (csrf == null) {
            session();
        }
        HttpResponse<String> answer = send("POST", "/console/sign-in", Map.of("email", email, "password", password));
        if (answer.statusCode() == 200) {
            csrf = ApiClient.json(answer).path("csrf_token").asText();
        }
        return answer;
    }

    /** Sends the session cookie, and on unsafe methods the CSRF token. */
    @Override
    public HttpResponse<String> send(String method, String path, Object json) {
        return sendWithToken(method, path, json, !SAFE.contains(method) ? csrf : null);
    }

    /** The same, then {@code headers} (name, value ...). */
    public HttpResponse<String> send(String method, String path, Object json, String... headers) {
        return sendWithToken(method, path, json, !SAFE.contains(method) ? csrf : null, headers);
    }

    /** The same with {@code csrfToken} (null: none) instead of the session's. */
    public HttpResponse<String> sendWithToken(String method, String path, Object json, String csrfToken, String... headers) {
        HttpRequest.Builder request = ApiClient.request(http, method, path, json);
        if (session != null) {
            request.header("Cookie", COOKIE + "=" + session);
        }
        if (csrfToken != null) {
            request.header("X-CSRF-TOKEN", csrfToken);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> answer = http.send(request.build());
        answer.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith(COOKIE + "=")).forEach(cookie -> {
            setCookie = cookie;
            String value = cookie.substring(COOKIE.length() + 1, cookie.indexOf(';') < 0 ? cookie.length() : cookie.indexOf(';'));
            session = value.isEmpty() ? null : value;
        });
        return answer;
    }

    /** The session cookie's value, as the browser would send it. */
    public String cookie() {
        return session;
    }

    /** Sends {@code value} as the session cookie from now on (a cookie kept from before, another browser's). */
    public ConsoleBrowser useCookie(String value) {
        session = value;
        return this;
    }

    public String csrfToken() {
        return csrf;
    }

    /** The last {@code Set-Cookie} of the session cookie, with its attributes. */
    public String lastSetCookie() {
        return setCookie;
    }
}
