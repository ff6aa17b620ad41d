package io.imagegate.inputs;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The addresses and names a fetched image URL must never reach: anything that is not a public unicast address
 * on the internet. A gateway usually sits inside a network that trusts it, so a URL to the loopback, a private
 * range or a cloud's metadata service (169.254.169.254, {@code fd00:ec2::254}) would let a caller read what only
 * the gateway can reach (server-side request forgery).
 *
 * <p>IPv6 forms that carry an IPv4 address (mapped {@code ::ffff:a.b.c.d}, compatible {@code ::a.b.c.d}, NAT64
 * {@code 64:ff9b::a.b.c.d}, 6to4 {@code 2002:aabb:ccdd::}) are judged by the IPv4 address they carry, since a
 * host with such a route reaches that address.
 */
final class RemotePublicAddresses {

    /** IPv4 blocks that are not public unicast (RFC 6890), each with its reason. */
    private static final List<Block> IPV4_REFUSED = List.of(
            Block.of("0.0.0.0", 8),        // "this network", 0.0.0.0 included: many stacks connect it to loopback
            Block.of("10.0.0.0", 8),       // private
            Block.of("100.64.0.0", 10),    // carrier-grade NAT: another customer's or the provider's own hosts
            Block.of("127.0.0.0", 8),      // loopback
            Block.of("169.254.0.0", 16),   // link-local, where the clouds' metadata services answer
            Block.of("172.16.0.0", 12),    // private
            Block.of("192.0.0.0", 24),     // IETF protocol assignments (e.g. DS-Lite, NAT64 discovery)
            Block.of("192.168.0.0", 16),   // private
            Block.of("198.18.0.0", 15),    // benchmarking, used inside labs
            Block.of("224.0.0.0", 4),      // multicast
            Block.of("240.0.0.0", 4));     // reserved, and 255.255.255.255 broadcast

    /** IPv6 blocks that are not public unicast and carry no IPv4 address to judge instead. */
    private static final List<Block> IPV6_REFUSED = List.of(
            Block.of("fc00::", 7),         // unique local (private), fd00:ec2::254 (AWS metadata) included
            Block.of("fe80::", 10),        // link-local
            Block.of("fec0::", 10),        // site-local, deprecated but still routed by some
            Block.of("ff00::", 8));        // multicast

    /** Written out: Java parses {@code ::ffff:0:0} into the IPv4 address it carries. */
    private static final Block IPV4_MAPPED = new Block(
            new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0}, 96);
    private static final Block IPV4_COMPATIBLE = Block.of("::", 96);
    private static final Block NAT64 = Block.of("64:ff9b::", 96);
    private static final Block SIX_TO_FOUR = Block.of("2002::", 16);

    /**
     * Names that lead to a machine's own services whatever DNS says about them: refused by name, so that not
     * even a lookup is made. {@code .internal} is reserved for private use (Google's metadata server is
     * {@code metadata.google.internal}, AWS's hosts are {@code *.ec2.internal}).
     */
    private static final Set<String> REFUSED_NAMES = Set.of("localhost", "metadata", "metadata.goog",
            "instance-data");
    private static final List<String> REFUSED_SUFFIXES = List.of(".localhost", ".internal");

    private RemotePublicAddresses() {
    }

    static boolean isPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicIpv4(bytes);
        }
        if (!(address instanceof Inet6Address)) {
            return false;
        }
        if (IPV4_MAPPED.contains(bytes) || IPV4_COMPATIBLE.contains(bytes) || NAT64.contains(bytes)) {
            // ::/96 holds :: (unspecified) and ::1 (loopback) too: 0.0.0.0 and 0.0.0.1 are refused as IPv4.
            return isPublicIpv4(Arrays.copyOfRange(bytes, 12, 16));
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return isPublicIpv4(Arrays.copyOfRange(bytes, 2, 6));
        }
        return IPV6_REFUSED.stream().noneMatch(block -> block.contains(bytes));
    }

    /** Whether a URL's host is refused by its name alone; a trailing dot and the case do not matter. */
    static boolean isRefusedName(String host) {
        String written = host.toLowerCase(Locale.ROOT);
        String name = written.endsWith(".") ? written.substring(0, written.length() - 1) : written;
        return REFUSED_NAMES.contains(name) || REFUSED_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    private static boolean isPublicIpv4(byte[] bytes) {
        return IPV4_REFUSED.stream().noneMatch(block -> block.contains(bytes));
    }

    /** An address block: the first {@code bits} bits of {@code prefix}. */
    private record Block(byte[] prefix, int bits) {

        static Block of(String literal, int bits) {
            try {
                // A literal is parsed, never looked up.
                return new Block(InetAddress.getByName(literal).getAddress(), bits);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(literal + " is not an IP literal", e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }
}
