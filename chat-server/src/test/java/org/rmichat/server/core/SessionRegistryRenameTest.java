package org.rmichat.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rmichat.api.NameTakenException;

class SessionRegistryRenameTest {
    private final SessionRegistry registry = new SessionRegistry(10);

    private ClientSession add(String name) throws NameTakenException {
        Ticker ticker = Ticker.system();
        long userId = registry.nextUserId();
        ClientSession session = new ClientSession(registry.newToken(), userId, name, userId + 1, 10, ticker,
                new TokenBucket(ticker, 0, 1));
        registry.add(session);
        return session;
    }

    @Test
    void renameFreesTheOldNameAndClaimsTheNewOne() throws Exception {
        ClientSession alice = add("alice");

        assertEquals("alice", registry.rename(alice, "alicia"));

        assertEquals("alicia", alice.name());
        assertTrue(registry.isNameFree("alice"));
        assertEquals(Optional.of(alice), registry.findByName("ALICIA"));
    }

    @Test
    void someoneElsesNameIsTakenWhateverItsCase() throws Exception {
        ClientSession alice = add("alice");
        add("bob");

        assertThrows(NameTakenException.class, () -> registry.rename(alice, "BOB"));
        assertEquals("alice", alice.name());
        assertFalse(registry.isNameFree("alice"));
    }

    @Test
    void changingOnlyTheCaseOfOnesOwnNameIsAllowed() throws Exception {
        ClientSession alice = add("alice");

        registry.rename(alice, "Alice");

        assertEquals(Optional.of(alice), registry.findByName("alice"));
        assertEquals("Alice", alice.name());
    }

    @Test
    void aRemovedSessionKeepsNoName() throws Exception {
        ClientSession alice = add("alice");
        registry.rename(alice, "alicia");

        registry.remove(alice, Optional.empty());

        assertTrue(registry.isNameFree("alicia"));
        assertTrue(registry.isNameFree("alice"));
    }
}
