package org.rmichat.api;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/** Everyone in the chat, in order of joining. */
public record MemberList(List<Member> members) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    public MemberList {
        members = List.copyOf(members);
    }
}
