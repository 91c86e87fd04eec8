package hub.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Name resolution for {@link GuardedHttpClient}: every address of the host. Replaceable in tests. */
@FunctionalInterface
public interface HostResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;

    /** The JVM's resolver ({@link InetAddress#getAllByName}); IP literals are parsed, not looked up. */
    static HostResolver system() {
        return InetAddress::getAllByName;
    }
}
