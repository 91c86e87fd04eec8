package hub.tools;

import java.net.InetAddress;
import java.net.URI;

import hub.config.HubProperties;
import hub.knowledge.fetch.NetworkAddresses;
import hub.web.ApiError;
import org.springframework.stereotype.Component;

/**
 * Which servers the hub calls for a tenant (tool servers, MCP servers, a Slack webhook): http or https
 * URLs without user info whose host resolves only to public addresses, so a tenant cannot make the hub
 * reach its own network (SSRF). Checked when an integration is saved or imported and again before each
 * call (a host may change its addresses). {@code hub.tools.allow-private-networks} turns it off.
 */
@Component
public class ServerUrlPolicy {

    private final boolean allowPrivateNetworks;

    public ServerUrlPolicy(HubProperties hub) {
        this.allowPrivateNetworks = hub.tools().allowPrivateNetworks();
    }

    /** Throws a 400 {@link ApiError} saying what is wrong with the URL. */
    public void check(String serverUrl) {
        URI uri;
        try {
            uri = URI.create(serverUrl == null ? "" : serverUrl.strip());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid_url", "server_url is not a valid URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null || uri.getUserInfo() != null) {
            throw ApiError.badRequest("invalid_url", "server_url must be an http or https URL without user info");
        }
        if (allowPrivateNetworks) {
            return;
        }
        try {
            if (NetworkAddresses.isInternalHostName(uri.getHost())) {
                throw notAllowed();
            }
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (!NetworkAddresses.isPublic(address)) {
                    throw notAllowed();
                }
            }
        } catch (java.net.UnknownHostException e) {
            throw ApiError.badRequest("invalid_url", "The host of server_url is unknown");
        }
    }

    /** For a tool call: the reason the URL may not be called, or null when it may. */
    public String refusal(String serverUrl) {
        try {
            check(serverUrl);
            return null;
        } catch (ApiError e) {
            return e.getMessage();
        }
    }

    private static ApiError notAllowed() {
        return ApiError.badRequest("url_not_allowed", "server_url must be on the public internet");
    }
}
