package org.rmichat.server.rmi;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.channels.SocketChannel;

/**
 * One accepted connection before it is guarded.
 *
 * @param channel the TCP connection itself: closing it ends a read or write that waited too long, whatever is
 *                layered over it
 * @param socket  what RMI asks for addresses and options: the channel's own socket, or TLS over it
 * @param input   what the connection is read through: the channel through lent direct buffers, or TLS
 * @param output  what it is written through, likewise
 */
record AcceptedConnection(SocketChannel channel, Socket socket, InputStream input, OutputStream output) {
}
