package hub.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/**
 * Tells public internet addresses from everything a server-side fetch must not reach by default:
 * loopback, "this network" / unspecified, RFC 1918 private, CGNAT, link-local (which includes the
 * 169.254.169.254 cloud metadata address), documentation and benchmarking ranges, multicast, reserved
 * and broadcast, IPv6 unique-local / link-local / site-local, and IPv6 forms that embed one of those IPv4
 * addresses (IPv4-mapped, IPv4-compatible, NAT64, 6to4).
 */
public final class NetworkAddresses {

    private NetworkAddresses() {
    }

    /** {@code true} when the address is a globally routable unicast address. */
    public static boolean isPublic(InetAddress address) {
        return nonPublicKind(address) == null;
    }

    /** Why the address is not public ("loopback", "private", ...), or {@code null} when it is public. */
    public static String nonPublicKind(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4Kind(b, 0);
        }
        if (address instanceof Inet6Address) {
            return ipv6Kind(b);
        }
        return "unknown";
    }

    /**
     * {@code true} for host names that only make sense inside a network: {@code localhost} and
     * {@code *.localhost}, {@code *.local}, {@code *.localdomain}, {@code *.internal} (which includes
     * {@code metadata.google.internal}), {@code *.home.arpa}, and single-label names such as
     * {@code metadata} or {@code intranet} that a resolver completes with its search domains.
     * IP literals are not names and return {@code false}.
     */
    public static boolean isInternalHostName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") || h.indexOf(':') >= 0) {
            return false; // IPv6 literal
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty()) {
            return true;
        }
        if (h.matches("[0-9.]+") && h.indexOf('.') > 0) {
            return false; // dotted IPv4 literal, judged by its address
        }
        return h.equals("localhost") || h.endsWith(".localhost")
                || h.endsWith(".local") || h.endsWith(".localdomain")
                || h.endsWith(".internal") || h.endsWith(".home.arpa")
                || h.indexOf('.') < 0;
    }

    private static String ipv4Kind(byte[] bytes, int offset) {
        int a = bytes[offset] & 0xFF;
        int b = bytes[offset + 1] & 0xFF;
        int c = bytes[offset + 2] & 0xFF;
        if (a == 0) {
            return "unspecified";
        }
        if (a == 10) {
            return "private";
        }
        if (a == 100 && (b & 0xC0) == 64) {
            return "carrier-grade NAT";
        }
        if (a == 127) {
            return "loopback";
        }
        if (a == 169 && b == 254) {
            return "link-local";
        }
        if (a == 172 && (b & 0xF0) == 16) {
            return "private";
        }
        if (a == 192 && b == 0 && (c == 0 || c == 2)) {
            return "reserved";
        }
        if (a == 192 && b == 88 && c == 99) {
            return "reserved";
        }
        if (a == 192 && b == 168) {
            return "private";
        }
        if (a == 198 && (b & 0xFE) == 18) {
            return "reserved";
        }
        if ((a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113)) {
            return "reserved";
        }
        if (a >= 224 && a <= 239) {
            return "multicast";
        }
        if (a >= 240) {
            return "reserved";
        }
        return null;
    }

    private static String ipv6Kind(byte[] b) {
        boolean first10Zero = true;
        for (int i = 0; i < 10; i++) {
            first10Zero &= b[i] == 0;
        }
        if (first10Zero && b[10] == 0 && b[11] == 0) {
            // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
            boolean restZero = b[12] == 0 && b[13] == 0 && b[14] == 0;
            if (restZero && b[15] == 0) {
                return "unspecified";
            }
            if (restZero && b[15] == 1) {
                return "loopback";
            }
            return embedded(ipv4Kind(b, 12));
        }
        if (first10Zero && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            return embedded(ipv4Kind(b, 12)); // IPv4-mapped ::ffff:a.b.c.d
        }
        boolean first8Zero = true;
        for (int i = 0; i < 8; i++) {
            first8Zero &= b[i] == 0;
        }
        if (first8Zero && (b[8] & 0xFF) == 0xFF && (b[9] & 0xFF) == 0xFF && b[10] == 0 && b[11] == 0) {
            return embedded(ipv4Kind(b, 12)); // IPv4-translated ::ffff:0:a.b.c.d
        }
        int w0 = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        int w1 = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        if (w0 == 0x0064 && w1 == 0xff9b) {
            boolean wellKnown = true;
            for (int i = 4; i < 12; i++) {
                wellKnown &= b[i] == 0;
            }
            return wellKnown ? embedded(ipv4Kind(b, 12)) : "reserved"; // NAT64 64:ff9b::/96, 64:ff9b:1::/48
        }
        if (w0 == 0x0100 && w1 == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0) {
            return "reserved"; // discard prefix 100::/64
        }
        if (w0 == 0x2001 && (w1 == 0x0db8 || w1 == 0)) {
            return "reserved"; // documentation, Teredo
        }
        if (w0 == 0x2002) {
            return embedded(ipv4Kind(b, 2)); // 6to4 embeds the IPv4 address
        }
        if ((b[0] & 0xFE) == 0xFC) {
            return "unique-local";
        }
        if ((b[0] & 0xFF) == 0xFE && (b[1] & 0xC0) == 0x80) {
            return "link-local";
        }
        if ((b[0] & 0xFF) == 0xFE && (b[1] & 0xC0) == 0xC0) {
            return "site-local";
        }
        if ((b[0] & 0xFF) == 0xFF) {
            return "multicast";
        }
        return null;
    }

    private static String embedded(String ipv4Kind) {
        return ipv4Kind == null ? null : ipv4Kind + " (IPv4 embedded in IPv6)";
    }
}
