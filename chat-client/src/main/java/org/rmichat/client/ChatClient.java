package org.rmichat.client;

import java.io.IOException;
import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.keymap.KeyMap;
import org.jline.utils.AttributedString;
import org.rmichat.api.ChatException;
import org.rmichat.api.Protocol;
import org.rmichat.client.console.Console;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One user in the chat. Owns the {@link Connection} to the server, through which every remote call goes, and
 * three threads:
 * <ul>
 *   <li>{@code rmichat-input} reads the keyboard into the outbox. It is a daemon because a read from
 *       {@code System.in} ignores interrupts; end of input ends it.</li>
 *   <li>{@code rmichat-sender} takes lines from the outbox and delivers them, so typing goes on while the
 *       server is away and the lines go out, in order, once it is back.</li>
 *   <li>{@code rmichat-listener} long-polls and prints events.</li>
 * </ul>
 * {@link #close} leaves the chat and stops them; {@link #awaitExit} tells how it ended.
 */
public final class ChatClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatClient.class);

    /** Why the client stopped on its own. */
    public static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }

    private final ClientConfig config;
    private final Console console;
    private final Connection connection;
    private final BlockingQueue<String> outbox;
    private final CompletableFuture<Void> exit = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Thread input;
    private final Thread sender;
    private final Thread listener;
    private final RoomState rooms;
    private final Scrollback scrollback;
    private final LinesHandled handled = new LinesHandled();
    private final KnownNames names = new KnownNames();
    private final StatusLine status;
    /** Redraws the status line; runs only on a console that has one. */
    private final ScheduledExecutorService statusTicker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "rmichat-status");
        thread.setDaemon(true);
        return thread;
    });
    /** How often the status line is redrawn: often enough for "reconnecting for 12 s" to count. */
    private static final long STATUS_EVERY_MILLIS = 500;
    /** Lines put in the outbox; written by the input thread only. */
    private volatile long typed;
    private volatile boolean quitting;
    /** Whether the user was told lines wait for the rate limit, since the outbox was last empty; sender only. */
    private boolean toldPacing;
    /** Whether the user was told the outbox is full; input thread only. */
    private boolean warnedFull;
    /** Longest the keyboard waits for a room command to be carried out before it draws the next prompt. */
    private static final long ROOM_COMMAND_WAIT_MILLIS = 2_000;

    public ChatClient(ClientConfig config, Console console) {
        this(config, console, DisplayOptions.plain());
    }

    public ChatClient(ClientConfig config, Console console, DisplayOptions display) {
        this(config, console, display, new ServerLocator(config.servers(), config.tls()));
    }

    /** A client that finds its server through {@code lookup}: tests use it to put a faulty wire in between. */
    public ChatClient(ClientConfig config, Console console, ServiceLookup lookup) {
        this(config, console, DisplayOptions.plain(), lookup);
    }

    public ChatClient(ClientConfig config, Console console, DisplayOptions display, ServiceLookup lookup) {
        this.config = config;
        this.console = console;
        this.rooms = new RoomState(Protocol.DEFAULT_ROOM);
        this.connection = new Connection(new SessionLink(lookup, config.password(), console,
                config.reconnectTimeout(), rooms::others), console);
        this.outbox = new ArrayBlockingQueue<>(config.outboxCapacity());
        this.connection.whenAway(this::serverWentAway);
        this.connection.whenPaced(this::paced);
        this.input = new Thread(this::readInput, "rmichat-input");
        this.input.setDaemon(true);
        ChatView view = new ChatView(console, display, this::name, Clock.systemDefaultZone(), rooms, names);
        // your own lines look as the others see them (as irssi shows them), not as the command you typed
        console.setEcho(view::own);
        console.setCompletion(new Completions(names::all, rooms::all, this::name));
        // Alt-1…9 make the room in that place current, as irssi's windows; through the outbox like /switch, so
        // lines typed before it still go to the room they were typed for
        for (int n = 1; n <= 9; n++) {
            int place = n;
            console.bindKey(KeyMap.alt((char) ('0' + n)), () -> rooms.nth(place).map(room -> "/switch " + room));
        }
        this.status = new StatusLine(new StatusLine.Sources(connection::awayFor, connection::server, this::name,
                rooms::current, rooms::unread, connection::lagMillis, outbox::size), display.colour());
        this.scrollback = new Scrollback(connection, view, console);
        this.sender = new Thread(new SenderLoop(outbox, connection, console, view, rooms, handled, scrollback,
                new SenderLoop.Finish() {
            @Override
            public void done() {
                close();
            }

            @Override
            public void gaveUp(SessionLink.GaveUpException e) {
                fail(e);
            }
        }), "rmichat-sender");
        ListenerLoop listening = new ListenerLoop(connection, view, config.maxBatch(), config.pollWaitMillis(),
                this::fail);
        // the scrollback first, on the listener's thread: before any live line, and never holding up the keyboard
        // (a server that dies now is reconnected to like on any call)
        this.listener = new Thread(() -> {
            showScrollback(rooms.all().get(0));   // the default room: the first one, whatever was typed since
            if (!exit.isDone()) listening.run();
        }, "rmichat-listener");
    }

    /**
     * Joins and starts the threads. A server that cannot be reached, or that refuses the join, is reported
     * here, before anything runs.
     */
    public void start() throws RemoteException, NotBoundException, ChatException {
        Attachment attachment = connection.open(config.name());
        if (attachment.session().defaultRoom() != null) rooms.reset(attachment.session().defaultRoom());
        console.println("💬 Joined chat as " + attachment.session().name());
        console.println("Type messages and press Enter.");
        // a script or a pipe has no Tab: in a chat of thousands the list is not worth fetching for nothing
        if (console.completes()) knowWhoIsHere(attachment);
        listener.start();
        sender.start();
        input.start();
        if (console.hasStatusLine()) {
            statusTicker.scheduleWithFixedDelay(this::showStatus, 0, STATUS_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private AttributedString shownStatus;   // status thread only

    private void showStatus() {
        try {
            AttributedString now = status.render();
            if (now.equals(shownStatus)) return;
            if (console.setStatus(now)) shownStatus = now;   // else not drawn now: the next tick tries again
        } catch (RuntimeException e) {
            log.debug("status line not drawn", e);   // a terminal closing under it; the next tick tries again
        }
    }

    /** Who is here already, for Tab; everyone later is learnt from the events. Not worth a reconnect. */
    private void knowWhoIsHere(Attachment attachment) {
        try {
            names.addAll(attachment.service().who(attachment.session().token()).members());
        } catch (RemoteException | ChatException e) {
            log.debug("no names for Tab until people speak", e);
        }
    }

    /** The default room's last lines, before any live line is shown: on the listener thread, before it polls. */
    private void showScrollback(String room) {
        try {
            scrollback.onStart(room);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SessionLink.GaveUpException e) {
            fail(e);
        }
    }

    /** The name the server gave this client. */
    public String name() {
        return connection.name();
    }

    /**
     * The keyboard never waits for the server: local answers ({@code /help}, a usage line) are printed here at
     * once, a question for the server while it is away is answered at once, and everything else goes to the
     * outbox, in order, for the sender. {@code /quit} and end of input leave ({@link #quit}).
     */
    private void readInput() {
        try {
            typeLines();
        } catch (IOException e) {
            log.debug("input closed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            quit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void typeLines() throws IOException, InterruptedException {
        while (true) {
            Optional<String> line = console.readLine();
            if (line.isEmpty()) return;
            List<String> lines = PastedLines.split(line.get());
            if (lines.size() > PastedLines.CONFIRM_ABOVE && !pasteConfirmed(lines.size())) continue;
            // shown first, then queued in one go, so the sender meets the whole backlog when it starts pacing
            if (line.get().contains("\n")) lines.forEach(console::echo);
            for (String text : lines) {
                if (!typed(text)) return;
            }
        }
    }

    /**
     * A paste of many lines goes out only once the user says so, as irssi's {@code paste_verify_line_count}:
     * a paste into the wrong window must not flood a room at the pace of the rate limit.
     */
    private boolean pasteConfirmed(int lines) throws IOException {
        Optional<String> answer = console.ask("send " + lines + " pasted lines? [y/N] ");
        boolean yes = answer.map(a -> a.strip().toLowerCase(java.util.Locale.ROOT))
                .filter(a -> a.equals("y") || a.equals("yes")).isPresent();
        if (!yes) console.println("⚠ the " + lines + " pasted lines were not sent");
        return yes;
    }

    /** One line as typed: answered here, or put in the outbox; false once the user is done. */
    private boolean typed(String text) throws InterruptedException {
        if (text.isBlank()) return true;
        ChatCommand command = ChatCommand.parse(text);
        if (command instanceof ChatCommand.Quit) return false;
        if (command instanceof ChatCommand.Answer answer) {
            answer.lines().forEach(console::println);
            return true;
        }
        if (command instanceof ChatCommand.Clear) {
            console.clear();
            return true;
        }
        if (connection.isAway() && ChatCommand.onlyAsks(command)) {
            console.println("⚠ not connected; " + ChatCommand.commandWord(text)
                    + " will work again after reconnecting");
            return true;
        }
        if (!outbox.offer(text)) {
            if (!warnedFull) {
                console.println("⚠ " + outbox.size() + " lines are waiting to be sent;"
                        + " input pauses until the server is back");
                warnedFull = true;
            }
            outbox.put(text);
        }
        typed++;
        // the next prompt names the room the command leads to; with the server away it would only delay it
        if (ChatCommand.changesRoom(text) && !connection.isAway()) {
            handled.await(typed, ROOM_COMMAND_WAIT_MILLIS);
        }
        return true;
    }

    /**
     * The user is done. Connected, the sender first sends what is still in the outbox, at the pace of the rate
     * limit, then leaves. With the server away, or as soon as it goes away while those lines drain, the client
     * leaves at once and says how many lines it did not send: waiting for a server that may never come back
     * would hold the person hostage.
     */
    private void quit() throws InterruptedException {
        quitting = true;
        if (connection.isAway()) {
            leaveWhileAway();
        } else {
            outbox.put(SenderLoop.END);
        }
    }

    /**
     * On the sender thread, before each paced line: a paste drains at the pace of the rate limit, which says so
     * once, so a long paste does not look like a hang.
     */
    private void paced(boolean waits) {
        int waiting = outbox.size() + (waits ? 1 : 0);
        if (waiting == 0) {
            toldPacing = false;
        } else if (waits && !toldPacing) {
            toldPacing = true;
            console.println("⏳ " + waiting + (waiting == 1 ? " line" : " lines") + " waiting (rate limit)");
        }
    }

    /** On whichever thread noticed the server gone, which may hold the connection's lock: leave from another. */
    private void serverWentAway() {
        if (quitting) new Thread(this::leaveWhileAway, "rmichat-quit").start();
    }

    private void leaveWhileAway() {
        if (!closing.compareAndSet(false, true)) return;
        long unsent = typed - handled.count();
        console.println("⚠ left while not connected" + (unsent == 0 ? ""
                : "; " + unsent + (unsent == 1 ? " line was" : " lines were") + " not sent"));
        connection.close();   // no leave: nobody is there to hear it, and the server times the session out
        stopThreads();
        exit.complete(null);
    }

    private void fail(SessionLink.GaveUpException e) {
        connection.close();
        exit.completeExceptionally(new Failed(e.getMessage()));
        stopThreads();
    }

    /** Waits until the user quits (normal end) or the client gives up (throws {@link Failed}). */
    public void awaitExit() throws InterruptedException, Failed {
        try {
            exit.get();
        } catch (ExecutionException e) {
            throw (Failed) e.getCause();
        }
    }

    /** Leaves the chat (others see the left line at once) and stops the threads. Safe to call twice. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) return;
        connection.closeAndLeave();
        stopThreads();
        exit.complete(null);
    }

    private void stopThreads() {
        statusTicker.shutdownNow();
        for (Thread thread : new Thread[] {listener, sender}) {
            if (thread != Thread.currentThread()) thread.interrupt();
        }
        try {
            for (Thread thread : new Thread[] {listener, sender}) {
                if (thread != Thread.currentThread() && thread.isAlive()) thread.join(2_000);
            }
            statusTicker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
