package org.rmichat.client;

import java.io.IOException;
import java.rmi.RemoteException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rmichat.api.ChatException;
import org.rmichat.api.PollRequest;
import org.rmichat.api.PollResult;
import org.rmichat.api.PollStream;
import org.rmichat.api.SessionClosedException;

/**
 * Makes streamed polls and notices a server that stopped talking.
 *
 * <p>Why a thread of its own: a stopped server (SIGSTOP, a frozen machine) keeps its connections open and sends
 * nothing, and RMI's read would wait out the whole response timeout (30 s) with the listener inside it. The stream
 * is read on a reader thread instead, which hands each batch over as it is read; the calling thread only waits
 * for the call to end, and gives it up once nothing at all (no batch, no keep-alive) arrived for
 * {@code silenceMillis}, or for three keep-alive intervals where the stream says its server spaces them
 * further; a pause of this process itself is not the server's silence ({@link OwnPause}). A stream given up is
 * abandoned: whatever it reads later is dropped, and its thread ends when RMI's read fails.
 *
 * <p>One call at a time, from one thread (the listener); the reader thread is made once and kept while it is
 * not stuck in an abandoned stream.
 */
final class StreamWatch implements AutoCloseable {
    /** Thrown when the server sent nothing for the silence bound: it is there but not talking. */
    static final class ServerSilentException extends RemoteException {
        ServerSilentException(long silenceMillis) {
            super("the server has said nothing for " + TimeUnit.MILLISECONDS.toSeconds(silenceMillis) + " s");
        }
    }

    /** What to do with one batch, and whether the stream it came from is still the one being read. */
    interface Shower {
        void show(PollResult batch, Stream from);
    }

    /** One stream as the caller follows it. */
    static final class Stream {
        private volatile long lastHeard = System.nanoTime();
        private volatile boolean abandoned;
        private volatile long silenceNanos;

        private Stream(long silenceNanos) {
            this.silenceNanos = silenceNanos;
        }

        boolean isAbandoned() {
            return abandoned;
        }

        private void heard() throws IOException {
            if (abandoned) throw new IOException("stream abandoned");   // ends the stuck read's thread
            lastHeard = System.nanoTime();
        }
    }

    private final long silenceNanos;
    private final ExecutorService readers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "rmichat-stream-reader");
        thread.setDaemon(true);   // one stuck in a stopped server's socket must not keep the JVM alive
        return thread;
    });

    StreamWatch(long silenceMillis) {
        this.silenceNanos = TimeUnit.MILLISECONDS.toNanos(silenceMillis);
    }

    /** The remote call a stream is read from. */
    interface Call {
        PollStream call() throws RemoteException, ChatException;
    }

    /**
     * Runs {@code call} on the reader thread, handing each batch to {@code shower} as it is read, and returns when
     * the stream ended. A stream that ended with the session closed throws {@link SessionClosedException}.
     */
    PollStream read(Call call, Shower shower) throws RemoteException, ChatException, InterruptedException {
        Stream stream = new Stream(silenceNanos);
        PollStream.Receiver receiver = new PollStream.Receiver() {
            @Override
            public void batch(PollResult batch) throws IOException {
                stream.heard();
                shower.show(batch, stream);
            }

            @Override
            public void keepAlive() throws IOException {
                stream.heard();
            }

            @Override
            public void keepAliveEvery(long millis) throws IOException {
                // a large server spaces its keep-alives out: silence means stopped only after missing as many
                stream.silenceNanos = Math.max(silenceNanos,
                        TimeUnit.MILLISECONDS.toNanos(millis) * PollStream.KEEP_ALIVES_MISSED);
                stream.heard();
            }
        };
        Future<PollStream> reply = readers.submit(() -> {
            try (PollStream.Reception reception = PollStream.receiveOn(receiver)) {
                return call.call();
            }
        });
        OwnPause ownPause = new OwnPause();
        try {
            while (true) {
                long now = System.nanoTime();
                long silentFor = ownPause.silentFor(stream.lastHeard, now);
                long silence = stream.silenceNanos;
                if (silentFor >= silence) {
                    stream.abandoned = true;
                    reply.cancel(true);
                    throw new ServerSilentException(TimeUnit.NANOSECONDS.toMillis(silence));
                }
                long asked = silence - silentFor;
                try {
                    PollStream ended = reply.get(asked, TimeUnit.NANOSECONDS);
                    if (ended.closedReason().isPresent()) throw new SessionClosedException(ended.closedReason().get());
                    return ended;
                } catch (TimeoutException e) {
                    ownPause.waited(now, asked, System.nanoTime());   // look again: a frame may have come meanwhile
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RemoteException remote) throw remote;
            if (cause instanceof ChatException chat) throw chat;
            if (cause instanceof RuntimeException runtime) throw runtime;
            if (cause instanceof Error error) throw error;
            throw new RemoteException("stream failed", cause);
        } catch (InterruptedException e) {
            stream.abandoned = true;
            reply.cancel(true);
            throw e;
        }
    }

    @Override
    public void close() {
        readers.shutdownNow();   // a reader stuck in a socket read ignores this and ends with its read
    }
}
