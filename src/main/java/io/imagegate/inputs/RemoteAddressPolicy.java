package io.imagegate.inputs;

import java.net.InetAddress;

/**
 * Which addresses an image URL may lead to. Injected so that a test can let one loopback address stand for a
 * public host, while everything else it refuses is refused as in production.
 */
@FunctionalInterface
public interface RemoteAddressPolicy {

    /** Public unicast addresses only: see {@link RemotePublicAddresses} for what is refused and why. */
    RemoteAddressPolicy PUBLIC_ONLY = RemotePublicAddresses::isPublic;

    boolean allows(InetAddress address);
}
