package hub.outbound;

import java.net.InetAddress;

/**
 * Decides which hosts the hub may connect to for a tenant. {@link GuardedHttpClient} asks
 * {@link #allowsName} before resolving a host and {@link #allows} for every address it resolves to, each
 * time it opens a connection (so for every redirect hop too); a single refused address refuses the host.
 */
@FunctionalInterface
public interface AddressGuard {

    /**
     * @param host    the host as written in the URL (lower case, IPv6 literals without brackets)
     * @param port    the port the request would go to
     * @param address one of the addresses the host resolves to
     */
    boolean allows(String host, int port, InetAddress address);

    /** Checked before name resolution, so internal names are refused even when they do not resolve here. */
    default boolean allowsName(String host) {
        return true;
    }

    /** Only public internet hosts: see {@link NetworkAddresses}. */
    static AddressGuard publicInternetOnly() {
        return PublicInternetOnly.INSTANCE;
    }

    /** Every address (for {@code allowPrivateNetworks=true}: local fixture sites, intranet deployments). */
    static AddressGuard anyAddress() {
        return (host, port, address) -> true;
    }

    /** The guard a setting such as {@code hub.tools.allow-private-networks} asks for. */
    static AddressGuard forPrivateNetworks(boolean allowed) {
        return allowed ? anyAddress() : publicInternetOnly();
    }

    /** See {@link #publicInternetOnly()}. */
    final class PublicInternetOnly implements AddressGuard {
        static final PublicInternetOnly INSTANCE = new PublicInternetOnly();

        private PublicInternetOnly() {
        }

        @Override
        public boolean allowsName(String host) {
            return !NetworkAddresses.isInternalHostName(host);
        }

        @Override
        public boolean allows(String host, int port, InetAddress address) {
            return allowsName(host) && NetworkAddresses.isPublic(address);
        }
    }
}
