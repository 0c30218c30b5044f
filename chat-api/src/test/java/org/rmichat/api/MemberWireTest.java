package org.rmichat.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A {@link Member} from a server older than {@link Protocol#AWAY} still reads, as someone not away. */
class MemberWireTest {
    /** {@code new Member(7, "alice", 3, true)} as a protocol 3 server wrote it, before {@code away} existed. */
    private static final String PROTOCOL_3_MEMBER = "rO0ABXNyABZvcmcucm1pY2hhdC5hcGkuTWVtYmVyAAAAAAAAAAECAARKAAtpZGxlU2Vj"
            + "b25kc0oABnVzZXJJZFoAA3lvdUwABG5hbWV0ABJMamF2YS9sYW5nL1N0cmluZzt4cAAAAAAAAAADAAAAAAAAAAcBdAAFYWxpY2U=";

    @Test
    void aMemberWithoutAwayReadsAsNotAway() throws Exception {
        Object read = JavaSerialization.deserialize(Base64.getDecoder().decode(PROTOCOL_3_MEMBER));

        assertEquals(new Member(7, "alice", 3, true, null), read);
    }

    @Test
    void awayTravels() throws Exception {
        Member away = new Member(7, "alice", 3, false, "lunch");

        assertEquals(away, JavaSerialization.deserialize(JavaSerialization.serialize(away)));
    }
}
