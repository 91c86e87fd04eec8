package hub.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "127.0.0.1", "127.255.0.9", "0.0.0.0", "0.1.2.3", "10.1.2.3", "172.16.0.1", "172.31.255.255",
            "192.168.0.1", "169.254.169.254", "100.64.0.1", "100.127.255.254", "192.0.0.170", "192.0.2.1",
            "198.18.0.1", "198.51.100.7", "203.0.113.9", "224.0.0.251", "239.1.1.1", "240.0.0.1", "255.255.255.255",
            "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1", "::ffff:10.0.0.1",
            "::ffff:169.254.169.254", "::127.0.0.1", "64:ff9b::a00:1", "64:ff9b:1::1", "2002:c0a8:0101::1",
            "2001:db8::1", "2001:0:4136:e378::1", "100::1"})
    void nonPublicAddresses(String address) throws Exception {
        assertThat(NetworkAddresses.isPublic(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255",
            "100.128.0.1", "192.169.0.1", "169.253.1.1", "2606:4700:4700::1111", "2a00:1450:4001::200e",
            "64:ff9b::808:808", "2002:0808:0808::1", "::ffff:8.8.8.8"})
    void publicAddresses(String address) throws Exception {
        assertThat(NetworkAddresses.isPublic(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST.", "app.localhost", "metadata.google.internal", "metadata",
            "intranet", "nas.local", "router.home.arpa", "db.localdomain"})
    void internalHostNames(String host) {
        assertThat(NetworkAddresses.isInternalHostName(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "www.example.com.", "docs.local-business.es", "1.1.1.1", "::1"})
    void namesJudgedByTheirAddress(String host) {
        assertThat(NetworkAddresses.isInternalHostName(host)).isFalse();
    }
}
