package org.rmichat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.PollResult;
import org.rmichat.api.PollStream;

/** How long a stream may be silent before its server is taken for stopped. */
@Timeout(20)
class StreamWatchTest {
    private static final long DEFAULT_SILENCE_MILLIS = 300;

    /**
     * A server that says it writes a keep-alive at least every {@code keepAliveMillis}, sends one line, then
     * nothing until {@code release}, then the end: read through a pipe, as RMI reads it off a socket.
     */
    private static StreamWatch.Call silentAfterOneLine(long keepAliveMillis, CountDownLatch release) {
        return () -> {
            PipedInputStream in = new PipedInputStream(1 << 16);
            PipedOutputStream out;
            try {
                out = new PipedOutputStream(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread writer = new Thread(() -> {
                try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
                    objects.writeObject(new PollStream(new PollStream.Source() {
                        private int frames;

                        @Override
                        public PollStream.Frame next() throws InterruptedException {
                            if (frames++ == 0) {
                                return PollStream.Frame.batch(new PollResult(1, List.of(new MessagePosted(7, "alice",
                                        "hi"))));
                            }
                            release.await();
                            return PollStream.Frame.end(null);
                        }

                        @Override
                        public void finished() {
                        }

                        @Override
                        public long keepAliveMillis() {
                            return keepAliveMillis;
                        }
                    }));
                } catch (IOException e) {
                    // the reader gave up and closed the pipe
                }
            }, "test-stream-writer");
            writer.start();
            try (ObjectInputStream objects = new ObjectInputStream(in)) {
                return (PollStream) objects.readObject();
            } catch (IOException | ClassNotFoundException e) {
                throw new java.rmi.RemoteException("read", e);
            }
        };
    }

    @Test
    void aServerThatSpacesItsKeepAlivesIsNotTakenForStoppedBeforeThreeOfThemWereMissed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> shown = new ArrayList<>();
        try (StreamWatch watch = new StreamWatch(DEFAULT_SILENCE_MILLIS)) {
            // the server is silent for longer than the default bound, well within three of its keep-alives
            Thread releaser = new Thread(() -> {
                try {
                    TimeUnit.MILLISECONDS.sleep(3 * DEFAULT_SILENCE_MILLIS / 2);   // the silence under test
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                release.countDown();
            }, "test-releaser");
            releaser.start();

            watch.read(silentAfterOneLine(2 * DEFAULT_SILENCE_MILLIS, release),
                    (batch, from) -> shown.add(batch.events().get(0).toString()));
            releaser.join();
        }

        assertEquals(1, shown.size());
    }

    @Test
    void aServerOfTheDefaultKeepAliveSilentForLongerIsTakenForStopped() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (StreamWatch watch = new StreamWatch(DEFAULT_SILENCE_MILLIS)) {
            assertThrows(StreamWatch.ServerSilentException.class,
                    () -> watch.read(silentAfterOneLine(0, release), (batch, from) -> { }));
        } finally {
            release.countDown();
        }
    }
}
