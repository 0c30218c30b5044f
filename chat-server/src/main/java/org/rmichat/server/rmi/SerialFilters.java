package org.rmichat.server.rmi;

import java.io.ObjectInputFilter;

/**
 * What the server lets clients deserialize (JEP 290). Arguments of {@code ChatService} calls are chat-api
 * records holding strings, numbers and an enum; nothing else may even be instantiated, which shuts out the
 * deserialization gadget chains an open RMI port is known for.
 */
final class SerialFilters {
    /** Arguments: the api's types and the JDK types they are made of; everything else rejected. */
    static final ObjectInputFilter SERVICE = ObjectInputFilter.Config.createFilter(
            "maxdepth=6;maxrefs=64;maxarray=64;maxbytes=65536;"
                    + "org.rmichat.api.*;java.lang.String;java.lang.Enum;java.lang.Number;java.lang.Long;"
                    + "java.lang.Integer;!*");

    private SerialFilters() {
    }
}
