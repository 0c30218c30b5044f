package org.rmichat.server.rmi;

/**
 * What everyone's screen can be made to show, per second, beside the per-session rate limit (which a client
 * multiplies by opening sessions).
 *
 * @param presencePerAddress   joins and leaves a second from one client address; 0 for no limit
 * @param presenceBurstPerAddress joins and leaves from one address back to back
 * @param presencePerServer    joins and leaves a second on the whole server; 0 for no limit
 * @param presenceBurstPerServer joins and leaves on the server back to back
 * @param linesPerServer       lines (messages, private lines, renames) a second on the whole server, shared fairly
 *                             among the addresses that post: each gets an equal part; 0 for no limit
 * @param lineBurstPerServer   lines on the server back to back, shared the same way
 */
public record FloodLimits(double presencePerAddress, int presenceBurstPerAddress, double presencePerServer,
                          int presenceBurstPerServer, double linesPerServer, int lineBurstPerServer) {
    public FloodLimits {
        for (double rate : new double[] {presencePerAddress, presencePerServer, linesPerServer}) {
            if (!(rate >= 0)) throw new IllegalArgumentException("flood limit < 0: " + rate);
        }
        for (int burst : new int[] {presenceBurstPerAddress, presenceBurstPerServer, lineBurstPerServer}) {
            if (burst < 1) throw new IllegalArgumentException("flood burst < 1: " + burst);
        }
    }

    /**
     * 20 joins or leaves a second per address (200 back to back, so a crowd behind one NAT comes back after a
     * restart), 100 on the server (1,000 back to back), and 2,000 lines a second on the server, shared per address:
     * far above what anyone can read, far below what 150 sessions of one attacker managed.
     */
    public static FloodLimits defaults() {
        return new FloodLimits(20, 200, 100, 1_000, 2_000, 2_000);
    }

    /** No limit beyond each session's own: for benchmarks, which measure what the server can carry. */
    public static FloodLimits none() {
        return new FloodLimits(0, 1, 0, 1, 0, 1);
    }

    /** Joins and leaves at {@code perAddress} a second per address, and 5 times as many per server. */
    public FloodLimits withPresencePerAddress(double perAddress) {
        return new FloodLimits(perAddress, Math.max(1, (int) (perAddress * 10)), perAddress * 5,
                Math.max(1, (int) (perAddress * 50)), linesPerServer, lineBurstPerServer);
    }

    /** Lines at {@code perServer} a second on the server, with as many back to back. */
    public FloodLimits withLinesPerServer(double perServer) {
        return new FloodLimits(presencePerAddress, presenceBurstPerAddress, presencePerServer, presenceBurstPerServer,
                perServer, Math.max(1, (int) perServer));
    }
}
