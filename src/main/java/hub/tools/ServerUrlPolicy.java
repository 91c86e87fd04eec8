package hub.tools;

import java.net.URI;
import java.net.URISyntaxException;

import hub.outbound.GuardedHttpClient;
import hub.outbound.OutboundException;
import hub.web.ApiError;
import org.springframework.stereotype.Component;

/**
 * Which server URLs an organisation may save (tool servers, MCP servers): http or https URLs without user
 * info whose host resolves only to addresses the {@link GuardedHttpClient} may call, so the API answers a
 * clear 400 at once. Every call checks again, on the addresses it connects to.
 */
@Component
public record ServerUrlPolicy(GuardedHttpClient servers) {

    /** Throws a 400 {@link ApiError} saying what is wrong with the URL. */
    public void check(String serverUrl) {
        URI uri;
        try {
            uri = new URI(serverUrl == null ? "" : serverUrl.strip());
        } catch (URISyntaxException e) {
            throw ApiError.badRequest("invalid_url", "server_url is not a valid URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null || uri.getUserInfo() != null) {
            throw ApiError.badRequest("invalid_url", "server_url must be an http or https URL without user info");
        }
        try {
            servers.checkDestination(uri);
        } catch (OutboundException e) {
            throw switch (e.kind()) {
                case NOT_ALLOWED -> ApiError.badRequest("url_not_allowed", "server_url must be on the public internet");
                case UNREACHABLE -> ApiError.badRequest("invalid_url", "The host of server_url is unknown");
                default -> ApiError.badRequest("invalid_url", "server_url is not a valid URL");
            };
        }
    }
}
