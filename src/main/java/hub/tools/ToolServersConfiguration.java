package hub.tools;

import java.time.Duration;

import hub.config.HubProperties;
import hub.outbound.AddressGuard;
import hub.outbound.GuardedHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The client for the servers an organisation configures (HTTP tool servers, MCP servers, the owner's
 * Slack webhook): public internet only unless {@code hub.tools.allow-private-networks}.
 */
@Configuration(proxyBeanMethods = false)
public class ToolServersConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ToolServersConfiguration.class);

    @Bean(destroyMethod = "close")
    public GuardedHttpClient toolServerClient(HubProperties hub) {
        boolean allowPrivate = hub.tools().allowPrivateNetworks();
        if (allowPrivate) {
            log.warn("hub.tools.allow-private-networks=true: tool servers, MCP servers and Slack webhooks of organisations "
                    + "may be on loopback and private addresses of this network");
        }
        return new GuardedHttpClient(GuardedHttpClient.Settings.withConnectTimeout(Duration.ofSeconds(5)),
                AddressGuard.forPrivateNetworks(allowPrivate));
    }
}
