package org.rmichat.client;

/**
 * The names to come back under when someone else took ours while we were away: {@code alice_2}, {@code alice_3},
 * …, visibly not the name the others knew, so nobody mistakes the one for the other. The server's rule is at most
 * 24 characters, so a long name gives up its end to the suffix.
 */
final class SquattedName {
    /** The server's longest name. */
    static final int MAX_NAME = 24;
    /** Alternatives tried before giving the user the server's own word. */
    static final int TRIES = 20;

    private SquattedName() {
    }

    /** The {@code n}-th alternative to {@code taken}, from 2. */
    static String alternative(String taken, int n) {
        String suffix = "_" + n;
        int keep = Math.min(taken.length(), MAX_NAME - suffix.length());
        // never cut a surrogate pair in half
        if (keep > 0 && keep < taken.length() && Character.isHighSurrogate(taken.charAt(keep - 1))) keep--;
        return taken.substring(0, keep) + suffix;
    }
}
