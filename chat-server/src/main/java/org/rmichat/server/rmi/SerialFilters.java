package org.rmichat.server.rmi;

import java.io.ObjectInputFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server lets clients deserialize (JEP 290). Arguments of {@code ChatService} calls are chat-api
 * records holding strings, numbers and an enum; nothing else may even be instantiated, which shuts out the
 * deserialization gadget chains an open RMI port is known for.
 */
final class SerialFilters {
    private static final Logger log = LoggerFactory.getLogger(SerialFilters.class);
    /** Room for everything in a call but the message text: the records, a token, a name, a password. */
    private static final long CALL_OVERHEAD_BYTES = 16_384;
    /** What RMI sends around the arguments: the handshake, object id, method hash, class annotations. */
    private static final long RMI_HEADER_BYTES = 4_096;

    private SerialFilters() {
    }

    /**
     * Arguments: the api's types and the JDK types they are made of; everything else rejected. The byte limit
     * lets through any text up to four times {@code maxMessageLength} characters, three bytes each as
     * serialization writes them, so an overlong message reaches the room and gets its readable "too long"
     * error rather than an unmarshalling failure.
     */
    /** The largest legal call's arguments: the longest text the room will still answer, and the rest. */
    static long maxArgumentBytes(int maxMessageLength) {
        return CALL_OVERHEAD_BYTES + 12L * maxMessageLength;
    }

    /**
     * Bytes one remote call may send, counted on the socket before anything is deserialized: the filter's
     * limit alone does not stop a single huge string, which it sees only once it has been read whole.
     */
    static long maxCallBytes(int maxMessageLength) {
        return maxArgumentBytes(maxMessageLength) + RMI_HEADER_BYTES;
    }

    static ObjectInputFilter service(int maxMessageLength) {
        long maxBytes = maxArgumentBytes(maxMessageLength);
        ObjectInputFilter allowList = ObjectInputFilter.Config.createFilter("maxdepth=6;maxrefs=64;maxarray=64;"
                + "maxbytes=" + maxBytes + ";org.rmichat.api.*;java.lang.String;java.lang.Enum;java.lang.Number;"
                + "java.lang.Long;java.lang.Integer;"
                // the immutable lists of requests (a rejoin's rooms): the JDK's own, bounded by maxarray above
                + "java.util.CollSer;java.util.ImmutableCollections$List12;java.util.ImmutableCollections$ListN;"
                + "java.lang.Object;!*");   // an array is matched by its element type: the Object[] of CollSer
        return info -> {
            ObjectInputFilter.Status status = allowList.checkInput(info);
            if (status == ObjectInputFilter.Status.REJECTED) {
                // no client address here; the class name alone tells a probe from a version mismatch
                log.warn("rejected a call argument: {} (depth {}, {} bytes)",
                        info.serialClass() == null ? "limits exceeded" : info.serialClass().getName(),
                        info.depth(), info.streamBytes());
            }
            return status;
        };
    }
}
