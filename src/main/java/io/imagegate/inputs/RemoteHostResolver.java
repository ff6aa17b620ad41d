package io.imagegate.inputs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns an image URL's host into the addresses the gateway may connect to. Injected so that a test can map a
 * made-up name to a local test server without touching the machine's DNS.
 */
@FunctionalInterface
public interface RemoteHostResolver {

    /** The machine's resolver; an IP literal is parsed, not looked up. */
    RemoteHostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /** Every address of {@code host} (a name or an IP literal without brackets); may block on DNS. */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
