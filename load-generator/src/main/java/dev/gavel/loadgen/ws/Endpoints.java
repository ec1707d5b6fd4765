package dev.gavel.loadgen.ws;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** Where the system under test is. The load generator only ever drives a stack on this machine. */
public final class Endpoints {

    private Endpoints() {}

    /** @throws IllegalArgumentException if {@code uri}'s host is not a loopback address */
    public static URI loopback(String uri) {
        URI parsed = URI.create(uri);
        requireLoopback(parsed.getHost(), uri);
        return parsed;
    }

    /** @throws IllegalArgumentException unless every {@code host:port} of a bootstrap list is on loopback */
    public static String loopbackBootstrap(String bootstrap) {
        for (String server : bootstrap.split(",")) {
            String host = server.strip();
            int colon = host.lastIndexOf(':');
            requireLoopback(colon > 0 ? host.substring(0, colon) : host, bootstrap);
        }
        return bootstrap;
    }

    private static void requireLoopback(String host, String what) {
        try {
            if (host != null && InetAddress.getByName(host).isLoopbackAddress()) {
                return;
            }
        } catch (UnknownHostException e) {
            // refused below
        }
        throw new IllegalArgumentException(
                "the load generator only drives a stack on this machine (127.0.0.1 / localhost), not " + what);
    }
}
