package org.rmichat.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.rmi.RemoteException;
import java.rmi.server.RemoteObject;
import java.rmi.server.RemoteRef;
import java.util.Arrays;
import java.util.Optional;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import org.rmichat.api.ChatService;

/**
 * Checks a service stub found in a registry before anything is sent through it: a registry the client does
 * not control (rebound by some program on the server's host, or a server impersonated) could hand out a stub
 * that leads to a forwarding proxy, which would then see the join, the password, the token and every line.
 *
 * <p>The stub must lead to the port the client was given and to the same host (by name, or by an address the
 * two names share), and with {@code --tls} it must carry the TLS socket factory, or its calls would travel in
 * clear. Where it leads is read from the reference's serial form, as {@link RemoteObject}'s {@code
 * writeObject} documents it ("UnicastRef": host, port; "UnicastRef2": a format byte, host, port, and the
 * client socket factory when the byte is 1), through public API only.
 */
final class ServiceStub {
    private static final byte FORMAT_HOST_PORT_FACTORY = 1;

    private ServiceStub() {
    }

    /** Where a stub leads, and whether its calls go through the TLS socket factory. */
    record Endpoint(String host, int port, boolean tls) {
    }

    /** Returns {@code stub} if it leads to {@code server} as asked; otherwise a one-line reason why not. */
    static ChatService verify(ChatService stub, HostPort server, boolean tls) throws RemoteException {
        Endpoint endpoint = endpoint(stub);
        if (tls && !endpoint.tls()) {
            throw new RemoteException("the server at " + server + " handed out a chat service without TLS; "
                    + "not connecting");
        }
        if (endpoint.port() != server.port() || !sameHost(endpoint.host(), server.host())) {
            throw new RemoteException("the registry at " + server + " points the chat at " + endpoint.host() + ":"
                    + endpoint.port() + ", not at itself; not connecting (if that is right, start the server with"
                    + " --advertise-host " + server.host() + ")");
        }
        return stub;
    }

    static Endpoint endpoint(ChatService stub) throws RemoteException {
        RemoteRef ref = ref(stub).orElseThrow(() -> new RemoteException("the chat service is not an RMI stub"));
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            String refClass;
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                refClass = ref.getRefClass(out);
                ref.writeExternal(out);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                // only the JDK's TLS factory may be read back; any other factory just means "not TLS"
                in.setObjectInputFilter(info -> info.serialClass() == null || info.serialClass()
                        == SslRMIClientSocketFactory.class ? ObjectInputFilter.Status.UNDECIDED
                        : ObjectInputFilter.Status.REJECTED);
                boolean withFactory = "UnicastRef2".equals(refClass) && in.readByte() == FORMAT_HOST_PORT_FACTORY;
                String host = in.readUTF();
                int port = in.readInt();
                boolean tls = false;
                if (withFactory) {
                    try {
                        tls = in.readObject() instanceof SslRMIClientSocketFactory;
                    } catch (InvalidClassException e) {
                        tls = false;   // a factory of some other class: whatever it does, it is not our TLS
                    }
                }
                return new Endpoint(host, port, tls);
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new RemoteException("cannot tell where the chat service leads", e);
        }
    }

    private static Optional<RemoteRef> ref(Object stub) {
        if (stub instanceof RemoteObject remote) return Optional.ofNullable(remote.getRef());
        if (Proxy.isProxyClass(stub.getClass()) && Proxy.getInvocationHandler(stub) instanceof RemoteObject handler) {
            return Optional.ofNullable(handler.getRef());
        }
        return Optional.empty();
    }

    private static boolean sameHost(String a, String b) {
        if (a.equalsIgnoreCase(b)) return true;
        try {
            InetAddress[] left = InetAddress.getAllByName(a);
            InetAddress[] right = InetAddress.getAllByName(b);
            return Arrays.stream(left).anyMatch(x -> Arrays.asList(right).contains(x));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
