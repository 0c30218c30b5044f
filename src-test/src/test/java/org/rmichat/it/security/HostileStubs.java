package org.rmichat.it.security;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.rmi.server.ObjID;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.RemoteObject;
import java.rmi.server.RemoteObjectInvocationHandler;
import java.rmi.server.RemoteRef;
import java.util.Map;
import org.rmichat.api.ChatService;

/**
 * What an attacker's own RMI tooling does: a stub for the real service that connects through sockets of the
 * attacker's choosing, to send bytes no honest client would (fields over their bounds, which our own records
 * refuse to build) or to never read a reply. Uses the JDK's internal reference classes by reflection, exported
 * to the tests by failsafe's argLine.
 */
final class HostileStubs {

    private HostileStubs() {
    }

    /** A stub for the same remote object as {@code stub}, whose calls go through {@code sockets}. */
    static ChatService via(ChatService stub, RMIClientSocketFactory sockets) throws Exception {
        RemoteRef ref = ((RemoteObject) Proxy.getInvocationHandler(stub)).getRef();
        Object liveRef = Class.forName("sun.rmi.server.UnicastRef").getMethod("getLiveRef").invoke(ref);
        ObjID id = (ObjID) liveRef.getClass().getMethod("getObjID").invoke(liveRef);
        String host = "127.0.0.1";   // every test server binds loopback
        int port = (Integer) liveRef.getClass().getMethod("getPort").invoke(liveRef);
        Class<?> tcpEndpoint = Class.forName("sun.rmi.transport.tcp.TCPEndpoint");
        Object ours = tcpEndpoint.getConstructor(String.class, int.class, RMIClientSocketFactory.class,
                RMIServerSocketFactory.class).newInstance(host, port, sockets, null);
        Class<?> endpointType = Class.forName("sun.rmi.transport.Endpoint");
        Object newLiveRef = Class.forName("sun.rmi.transport.LiveRef")
                .getConstructor(ObjID.class, endpointType, boolean.class).newInstance(id, ours, false);
        RemoteRef newRef = (RemoteRef) Class.forName("sun.rmi.server.UnicastRef2")
                .getConstructor(newLiveRef.getClass()).newInstance(newLiveRef);
        return (ChatService) Proxy.newProxyInstance(ChatService.class.getClassLoader(),
                new Class<?>[] {ChatService.class}, new RemoteObjectInvocationHandler(newRef));
    }

    /**
     * Sockets that, on the way out, replace each serialized string given as a key (a placeholder our records
     * accept) by its value (what they would refuse): the bytes an attacker writes by hand.
     */
    static RMIClientSocketFactory rewriting(Map<String, String> replacements) {
        return (host, port) -> new Socket(host, port) {
            @Override
            public OutputStream getOutputStream() throws IOException {
                return new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        byte[] chunk = java.util.Arrays.copyOfRange(b, off, off + len);
                        for (Map.Entry<String, String> r : replacements.entrySet()) {
                            chunk = replace(chunk, serialized(r.getKey()), serialized(r.getValue()));
                        }
                        out.write(chunk);
                    }
                };
            }
        };
    }

    /** A String as serialization writes it: TC_STRING, a two-byte length, modified UTF-8 (ASCII here). */
    private static byte[] serialized(String ascii) {
        byte[] text = ascii.getBytes(StandardCharsets.US_ASCII);
        if (text.length > 0xFFFF) throw new IllegalArgumentException("too long for TC_STRING");
        byte[] out = new byte[text.length + 3];
        out[0] = 0x74;
        out[1] = (byte) (text.length >>> 8);
        out[2] = (byte) text.length;
        System.arraycopy(text, 0, out, 3, text.length);
        return out;
    }

    private static byte[] replace(byte[] in, byte[] from, byte[] to) {
        for (int i = 0; i + from.length <= in.length; i++) {
            if (java.util.Arrays.equals(in, i, i + from.length, from, 0, from.length)) {
                byte[] out = new byte[in.length - from.length + to.length];
                System.arraycopy(in, 0, out, 0, i);
                System.arraycopy(to, 0, out, i, to.length);
                System.arraycopy(in, i + from.length, out, i + to.length, in.length - i - from.length);
                return out;
            }
        }
        return in;
    }
}
