package org.rmichat.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RemoteObjectInvocationHandler;
import java.rmi.server.RemoteRef;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatService;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.SendRequest;
import org.rmichat.api.Session;
import org.rmichat.server.ChatServer;
import org.rmichat.server.core.RoomConfig;

/**
 * The JEP 290 allow-list: an argument of a type the API does not use is refused before it is instantiated,
 * and the server goes on serving. The calls are made below the typed stub, with {@link RemoteRef#invoke} and
 * the real method hash, because the server reads the argument before it checks its type: exactly what an
 * attacker with a gadget chain does.
 */
@Timeout(30)
class SerialFilterIT {
    /** Counts instances deserialized anywhere in this JVM; the filter must keep it at zero. */
    static final AtomicInteger gadgetsDeserialized = new AtomicInteger();

    /** Stands in for a gadget: merely being read runs code. */
    static final class Gadget implements Serializable {
        @Serial private static final long serialVersionUID = 1L;

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            gadgetsDeserialized.incrementAndGet();
        }
    }

    /** A remote object that is not exported, so bind sends it by value, with a payload the registry must not read. */
    static final class CarriesPayload implements Remote, Serializable {
        @Serial private static final long serialVersionUID = 1L;
        final Object payload;

        CarriesPayload(Object payload) {
            this.payload = payload;
        }
    }

    private ChatServer server;
    private ChatService service;

    @BeforeEach
    void start() throws Exception {
        server = SecurityFixtures.startServer(RoomConfig.defaults());
        service = SecurityFixtures.lookup(server);
        gadgetsDeserialized.set(0);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aHashMapInPlaceOfARequestIsRejected() throws Exception {
        HashMap<String, String> map = new HashMap<>();
        map.put("token", "x");

        for (String method : List.of("join", "send", "poll", "who", "leave")) {
            RemoteException e = assertThrows(RemoteException.class, () -> rawCall(method, map));
            assertRejected(e);
        }
        assertServerStillServes();
    }

    @Test
    void aClassOfTheCallersOwnIsNeverInstantiated() throws Exception {
        RemoteException e = assertThrows(RemoteException.class, () -> rawCall("send", new Gadget()));

        assertRejected(e);
        assertEquals(0, gadgetsDeserialized.get());
        assertServerStillServes();
    }

    @Test
    void theRegistryReadsNoPayload() throws Exception {
        Registry registry = LocateRegistry.getRegistry("127.0.0.1", server.port());

        RemoteException e = assertThrows(RemoteException.class,
                () -> registry.rebind("evil", new CarriesPayload(new Gadget())));

        // refused at the call's header, before its arguments: the registry is read-only (RegistryIsReadOnlyIT)
        assertTrue(String.valueOf(e.getCause()).contains("the registry is read-only"), e::toString);
        assertEquals(0, gadgetsDeserialized.get());
        assertEquals(List.of(ChatService.REGISTRY_NAME), List.of(registry.list()));
        assertServerStillServes();
    }

    /** Calls {@code method} on the real service with {@code argument} where its one parameter goes. */
    private Object rawCall(String method, Object argument) throws Exception {
        Method target = List.of(ChatService.class.getMethods()).stream()
                .filter(m -> m.getName().equals(method)).findFirst().orElseThrow();
        RemoteRef ref = ((RemoteObjectInvocationHandler) Proxy.getInvocationHandler(service)).getRef();
        // invoke marshals by the Method's parameter type, so the argument goes out as a plain object
        Method asObject = Carrier.class.getMethod("carry", Object.class);
        assertEquals(Object.class, asObject.getParameterTypes()[0]);
        return ref.invoke(service, asObject, new Object[] {argument}, methodHash(target));
    }

    /** Only its signature is used: an Object parameter, so any argument is written with writeObject. */
    interface Carrier extends Remote {
        Object carry(Object argument) throws RemoteException;
    }

    /** RMI's method hash (Java RMI specification, 8.3): SHA-1 of name + descriptor, first 8 bytes little-endian. */
    private static long methodHash(Method method) throws Exception {
        StringBuilder descriptor = new StringBuilder(method.getName()).append('(');
        for (Class<?> type : method.getParameterTypes()) descriptor.append(descriptorOf(type));
        descriptor.append(')').append(descriptorOf(method.getReturnType()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(descriptor.toString());
        }
        byte[] sha = MessageDigest.getInstance("SHA-1").digest(bytes.toByteArray());
        long hash = 0;
        for (int i = 0; i < 8; i++) hash += ((long) (sha[i] & 0xFF)) << (i * 8);
        return hash;
    }

    private static String descriptorOf(Class<?> type) {
        if (type == void.class) return "V";
        if (type.isArray()) return type.getName().replace('.', '/');
        return "L" + type.getName().replace('.', '/') + ";";
    }

    private static void assertRejected(Throwable e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof InvalidClassException)) cause = cause.getCause();
        assertTrue(cause != null && cause.getMessage().contains("REJECTED"), () -> "not a filter rejection: " + e);
    }

    private void assertServerStillServes() throws Exception {
        Session alice = service.join(new JoinRequest("alice", null));
        Session bob = service.join(new JoinRequest("bob", null));
        service.send(new SendRequest(alice.token(), 1, "still here"));
        for (long ack = 0; ; ) {   // the class timeout bounds this
            PollResult batch = service.poll(new PollRequest(bob.token(), ack, 10, 1_000));
            if (batch.events().contains(new MessagePosted(alice.userId(), "alice", "still here"))) break;
            if (!batch.isEmpty()) ack = batch.lastSeq();
        }
        service.leave(alice.token());   // so stopping does not wait for them to collect the shutdown notice
        service.leave(bob.token());
    }
}
