package io.imagegate.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the production policy lets an image URL reach: public unicast, and nothing that wraps something else. */
class RemotePublicAddressesTest {

    @Test
    void nonPublicIpv4IsRefused() {
        for (String literal : List.of("127.0.0.1", "127.255.255.254", "10.0.0.1", "10.255.255.255", "172.16.0.1",
                "172.31.255.255", "192.168.1.1", "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.255",
                "0.0.0.0", "0.1.2.3", "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1", "192.0.0.170",
                "198.18.0.1")) {
            assertThat(RemotePublicAddresses.isPublic(address(literal))).as(literal).isFalse();
        }
    }

    @Test
    void nonPublicIpv6IsRefused() {
        for (String literal : List.of("::1", "::", "fc00::1", "fd00:ec2::254", "fe80::1", "febf::1", "fec0::1",
                "ff02::1", "::127.0.0.1", "::10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::", "2002:a00:1::1")) {
            assertThat(RemotePublicAddresses.isPublic(address(literal))).as(literal).isFalse();
        }
    }

    @Test
    void ipv4MappedIpv6IsJudgedByTheIpv4ItCarries() throws UnknownHostException {
        byte[] loopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1};
        byte[] metadata = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 169, (byte) 254,
                (byte) 169, (byte) 254};
        byte[] google = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 8, 8, 8, 8};

        assertThat(RemotePublicAddresses.isPublic(Inet6Address.getByAddress(null, loopback, -1))).isFalse();
        assertThat(RemotePublicAddresses.isPublic(Inet6Address.getByAddress(null, metadata, -1))).isFalse();
        assertThat(RemotePublicAddresses.isPublic(address("::ffff:10.0.0.1"))).isFalse();
        assertThat(RemotePublicAddresses.isPublic(Inet6Address.getByAddress(null, google, -1))).isTrue();
    }

    @Test
    void publicAddressesPass() {
        for (String literal : List.of("8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1",
                "100.63.255.255", "169.253.255.255", "192.169.0.1", "2001:4860:4860::8888", "2606:4700::1111",
                "64:ff9b::808:808", "2002:808:808::")) {
            assertThat(RemotePublicAddresses.isPublic(address(literal))).as(literal).isTrue();
        }
    }

    @Test
    void metadataAndLocalNamesAreRefusedByName() {
        for (String name : List.of("metadata.google.internal", "METADATA.GOOGLE.INTERNAL.", "metadata",
                "metadata.goog", "instance-data", "ip-10-0-0-1.ec2.internal", "localhost", "app.localhost")) {
            assertThat(RemotePublicAddresses.isRefusedName(name)).as(name).isTrue();
        }
        for (String name : List.of("example.com", "internal.example.com", "localhost.example.com",
                "metadata.example.com")) {
            assertThat(RemotePublicAddresses.isRefusedName(name)).as(name).isFalse();
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
