package org.rmichat.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.rmi.RemoteException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.rmichat.api.ChatException;
import org.rmichat.api.ChatService;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.Session;

/**
 * Runs one workload against one server or a cluster: joins every client (each starts long-polling as soon as it is in),
 * sends on a fixed schedule through a warm-up and the measured window, waits for the last deliveries, then
 * makes every client leave. Owns every thread it starts and stops them all before {@link #run} returns:
 * one poll thread per client, one send thread per sender, a pinger, a progress reporter, and small pools for
 * joining and leaving.
 */
final class LoadGenerator {
    private static final long PING_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long JOIN_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(5);
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final long STOP_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int JOIN_THREADS = 4;
    private static final int LEAVE_THREADS = 8;

    private final BenchConfig config;
    private final List<ChatService> services;
    private final ServerProbe server;
    private final PrintWriter progress;
    private final Tally tally = new Tally();
    private final String runId = Long.toString(System.nanoTime() & 0xFFFFF, 36);

    /**
     * @param services one per server; client i joins {@code services[i % n]}, so a cluster's servers get equal
     *                 shares and every message must cross the bus to reach most of its receivers
     */
    LoadGenerator(BenchConfig config, List<ChatService> services, ServerProbe server, PrintWriter progress) {
        if (services.isEmpty()) throw new IllegalArgumentException("no server");
        this.config = config;
        this.services = List.copyOf(services);
        this.server = server;
        this.progress = progress;
    }

    BenchResult run(String label) throws IOException, InterruptedException {
        OptionalLong heapBefore = server.heapAfterGcKib();
        BenchClient[] clients = new BenchClient[config.clients()];
        Thread[] pollers = new Thread[config.clients()];
        List<Thread> senders = new ArrayList<>();
        Thread pinger = null;
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(named("bench-progress"));
        Progress meter = new Progress();
        try {
            reporter.scheduleAtFixedRate(meter::report, 1, 1, TimeUnit.SECONDS);
            long joinStart = System.nanoTime();
            joinAll(clients, pollers, meter);
            awaitJoinsSeen(clients, meter);
            if (config.rooms() > 1) {
                enterRooms(clients);
                awaitRoomsSettled(clients, meter);
            }
            double joinSeconds = (System.nanoTime() - joinStart) / 1e9;

            long warmupStart = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            long windowStart = warmupStart + config.warmup().toNanos();
            long windowEnd = windowStart + config.duration().toNanos();
            tally.window(windowStart, windowEnd);
            meter.sendingFrom(warmupStart);
            long interval = Math.round(config.senders() * 1e9 / config.rate());
            long spacing = Math.round(1e9 / config.rate());   // senders take turns, so the total rate is even
            for (int s = 0; s < config.senders(); s++) {
                BenchClient sender = clients[s];
                int index = s;
                long first = warmupStart + s * spacing;
                Thread thread = new Thread(() -> sender.sendLoop(index, first, interval, windowEnd,
                        config.payloadBytes()), "bench-sender-" + s);
                thread.setDaemon(true);
                senders.add(thread);
                thread.start();
            }
            Pinger ping = new Pinger(windowStart, windowEnd);
            pinger = new Thread(ping::run, "bench-ping");
            pinger.setDaemon(true);
            pinger.start();

            parkUntil(windowStart);
            OptionalLong serverCpu0 = server.cpuNanos();
            long benchCpu0 = ProcessStats.cpuNanos(ProcessHandle.current().pid()).orElse(0);
            long delivered0 = tally.delivered.sum();
            long polls0 = tally.polls.sum();
            long frames0 = tally.frames.sum();
            long bytes0 = tally.replyBytes.sum();
            parkUntil(windowEnd);
            OptionalLong serverCpu1 = server.cpuNanos();
            long benchCpu1 = ProcessStats.cpuNanos(ProcessHandle.current().pid()).orElse(0);
            long delivered1 = tally.delivered.sum();
            long polls1 = tally.polls.sum();
            long frames1 = tally.frames.sum();
            long bytes1 = tally.replyBytes.sum();
            double windowSeconds = (System.nanoTime() - windowStart) / 1e9;

            joinAll(senders, windowEnd + STOP_TIMEOUT_NANOS);
            pinger.join(TimeUnit.NANOSECONDS.toMillis(STOP_TIMEOUT_NANOS));
            long expected = tally.sent.sum() * config.receiversPerLine();
            meter.draining(expected);
            awaitDeliveries(expected);
            reporter.shutdown();
            if (!reporter.awaitTermination(5, TimeUnit.SECONDS)) throw new IOException("progress reporter stuck");
            Histogram latency = meter.total();

            OptionalLong heapAfter = server.heapAfterGcKib();
            OptionalLong serverCpu = serverCpu0.isPresent() && serverCpu1.isPresent()
                    ? OptionalLong.of(serverCpu1.getAsLong() - serverCpu0.getAsLong()) : OptionalLong.empty();
            return new BenchResult(label, config, joinSeconds, tally.sent.sum(), tally.sendErrors.sum(), expected,
                    tally.delivered.sum(), tally.duplicated.sum(), tally.evicted.sum(), tally.pollErrors.sum(),
                    delivered1 - delivered0, polls1 - polls0, frames1 - frames0, bytes1 - bytes0, windowSeconds,
                    latency, ping.histogram(), tally.sendCall.getIntervalHistogram(),
                    serverCpu, benchCpu1 - benchCpu0, server.peakRssKib(), heapBefore, heapAfter);
        } finally {
            reporter.shutdownNow();
            senders.forEach(Thread::interrupt);
            if (pinger != null) pinger.interrupt();
            leaveAll(clients);
            joinAll(List.of(pollers), System.nanoTime() + STOP_TIMEOUT_NANOS);
            reporter.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private void joinAll(BenchClient[] clients, Thread[] pollers, Progress meter)
            throws IOException, InterruptedException {
        ExecutorService joiners = Executors.newFixedThreadPool(Math.min(JOIN_THREADS, clients.length),
                numbered("bench-join-"));
        try {
            List<Future<?>> joins = new ArrayList<>();
            for (int i = 0; i < clients.length; i++) {
                int index = i;
                joins.add(joiners.submit(() -> {
                    ChatService service = services.get(index % services.size());
                    Session session = service.join(new JoinRequest("b" + runId + "-" + index, null));
                    BenchClient client = new BenchClient(service, session, tally, config.senders(),
                            config.maxBatch(), config.pollWait().toMillis(), config.singleReplies());
                    clients[index] = client;
                    // polling at once: every later join is an event in this client's queue
                    Thread poller = new Thread(null, client::pollLoop, "bench-poller-" + index,
                            config.pollerStackKib() * 1024L);
                    poller.setDaemon(true);
                    pollers[index] = poller;
                    poller.start();
                    meter.joined();
                    return null;
                }));
            }
            long deadline = System.nanoTime() + JOIN_TIMEOUT_NANOS;
            for (Future<?> join : joins) {
                try {
                    join.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    throw new IOException("join failed: " + e.getCause(), e.getCause());
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IOException("joining " + clients.length + " clients took over 5 minutes");
                }
            }
        } finally {
            shutdownAndAwait(joiners);
        }
    }

    /**
     * Sends a marker after the last join and waits until every client has it: N joins are N(N-1)/2 events at or
     * below the server's announce limit (above it, a digest a second and one just before the marker), and
     * measuring while they still queue would time the join storm, not the workload.
     */
    private void awaitJoinsSeen(BenchClient[] clients, Progress meter) throws IOException, InterruptedException {
        try {
            clients[0].sendSettleMarker();
        } catch (ChatException e) {
            throw new IOException("cannot send the settle marker: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + JOIN_TIMEOUT_NANOS;
        for (int i = 0; i < clients.length; i++) {
            while (!clients[i].settled()) {
                if (System.nanoTime() - deadline > 0) throw new IOException("join events still queued after 5 min");
                meter.settling(i);
                parkUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }

    /** Waits until every message sent has reached every other client, or the drain timeout. */
    private void awaitDeliveries(long expected) {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
        while (tally.delivered.sum() < expected && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Ends every session; the server then ends each waiting poll, which ends its thread. */
    /** Puts client i in its rooms; the joins precede every line in bus order, so each line finds its room full. */
    private void enterRooms(BenchClient[] clients) throws IOException {
        for (int i = 0; i < clients.length; i++) {
            for (String room : config.roomsOf(i)) {
                try {
                    clients[i].enterRoom(room);
                } catch (org.rmichat.api.ChatException e) {
                    throw new IOException("client " + i + " could not join " + room + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * The room join lines (a room of M members tells its members about M(M-1)/2 joins, or digests of them) must
     * be drained before anything is timed, as the lobby's are: client r posts a marker to its first room, #r<r>,
     * and every member waits for the markers of all its rooms.
     */
    private void awaitRoomsSettled(BenchClient[] clients, Progress meter) throws IOException, InterruptedException {
        for (int r = 0; r < config.rooms(); r++) {
            try {
                clients[r].sendSettleMarker();
            } catch (ChatException e) {
                throw new IOException("cannot send the settle marker of " + config.roomName(r) + ": " + e.getMessage(), e);
            }
        }
        long deadline = System.nanoTime() + JOIN_TIMEOUT_NANOS;
        for (int i = 0; i < clients.length; i++) {
            while (!clients[i].settled()) {
                if (System.nanoTime() - deadline > 0) throw new IOException("room join events still queued after 5 min");
                meter.settling(i);
                parkUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }

    private void leaveAll(BenchClient[] clients) throws InterruptedException {
        for (BenchClient client : clients) if (client != null) client.stop();
        ExecutorService leavers = Executors.newFixedThreadPool(LEAVE_THREADS, numbered("bench-leave-"));
        try {
            for (BenchClient client : clients) if (client != null) leavers.execute(client::leave);
        } finally {
            shutdownAndAwait(leavers);
        }
    }

    private static void joinAll(List<Thread> threads, long deadline) throws InterruptedException {
        for (Thread thread : threads) {
            if (thread == null) continue;
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left > 0) thread.join(left);
        }
    }

    private static void shutdownAndAwait(ExecutorService pool) throws InterruptedException {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) pool.shutdownNow();
        } catch (InterruptedException e) {
            pool.shutdownNow();
            throw e;
        }
    }

    private static void parkUntil(long deadline) throws InterruptedException {
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) throw new InterruptedException();
        }
    }

    private static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static ThreadFactory numbered(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * The progress line, once a second on its own thread, and the owner of the accumulated latency histogram:
     * it takes each interval from the shared recorder, so receivers never wait on a reader.
     */
    private final class Progress {
        private final Histogram total = new Histogram(3);
        private final AtomicInteger joined = new AtomicInteger();
        private final long started = System.nanoTime();
        private volatile long sendingFrom;
        private volatile int settled = -1;
        private volatile long expected = -1;
        private long lastDelivered;
        private Histogram interval;

        void joined() {
            joined.incrementAndGet();
        }

        void settling(int clientsCaughtUp) {
            settled = clientsCaughtUp;
        }

        void sendingFrom(long nanos) {
            sendingFrom = nanos;
        }

        void draining(long expectedDeliveries) {
            expected = expectedDeliveries;
        }

        /** Runs on the reporter thread only. */
        void report() {
            interval = tally.latency.getIntervalHistogram(interval);
            total.add(interval);
            long delivered = tally.delivered.sum();
            long perSecond = delivered - lastDelivered;
            lastDelivered = delivered;
            double elapsed = (System.nanoTime() - started) / 1e9;
            String line;
            if (sendingFrom == 0) {
                line = String.format(Locale.ROOT, "%6.1fs joined %d/%d, %d caught up with the joins", elapsed,
                        joined.get(), config.clients(), Math.max(0, settled));
            } else if (expected < 0) {
                line = String.format(Locale.ROOT, "%6.1fs sent %d, %d deliveries/s, p99 %s", elapsed,
                        tally.sent.sum(), perSecond, interval.getTotalCount() == 0 ? "-"
                                : Report.millis(interval.getValueAtPercentile(99)));
            } else {
                line = String.format(Locale.ROOT, "%6.1fs draining: %d of %d deliveries", elapsed, delivered, expected);
            }
            progress.println(line);
            progress.flush();
        }

        /** After the reporter thread has stopped: everything recorded, the last partial interval included. */
        Histogram total() {
            total.add(tally.latency.getIntervalHistogram());
            return total;
        }
    }

    /**
     * Times bare {@code ping()} calls to the first server, a hundred a second, alongside the load: the RMI floor
     * under that load.
     */
    private final class Pinger {
        private final Histogram histogram = new Histogram(3);
        private final long windowStart;
        private final long windowEnd;

        Pinger(long windowStart, long windowEnd) {
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
        }

        void run() {
            try {
                for (long next = windowStart; next - windowEnd < 0; next += PING_INTERVAL_NANOS) {
                    parkUntil(next);
                    long start = System.nanoTime();
                    services.get(0).ping();
                    histogram.recordValue(System.nanoTime() - start);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();   // the run is ending
            } catch (RemoteException e) {
                // the server went away; the poll loops report that
            }
        }

        /** Read after the pinger thread has ended. */
        Histogram histogram() {
            return histogram;
        }
    }
}
