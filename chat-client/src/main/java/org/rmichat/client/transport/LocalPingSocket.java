package org.rmichat.client.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A client socket whose streams answer RMI's liveness ping locally ({@link PingAnsweringStreams}); see
 * {@link LocalPingSocketFactory} for why.
 */
final class LocalPingSocket extends Socket {
    private final Runnable onPingAnswered;
    private PingAnsweringStreams streams;   // created once, guarded by this

    LocalPingSocket(String host, int port, Runnable onPingAnswered) throws IOException {
        super(host, port);
        this.onPingAnswered = onPingAnswered;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return streams().input();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return streams().output();
    }

    private synchronized PingAnsweringStreams streams() throws IOException {
        if (streams == null) {
            streams = new PingAnsweringStreams(super.getInputStream(), super.getOutputStream(), onPingAnswered);
        }
        return streams;
    }
}
