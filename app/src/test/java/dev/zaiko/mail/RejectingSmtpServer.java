package dev.zaiko.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server (over TCP, speaking the protocol) that answers every RCPT TO with one reply,
 * as a recipient's server does for an unknown mailbox (550) or a busy one (450). GreenMail
 * accepts every recipient, so it cannot show how the outbox handles a refusal.
 */
final class RejectingSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final String rcptReply;
    private final AtomicInteger refused = new AtomicInteger();
    private final Thread thread;

    RejectingSmtpServer(int port, String rcptReply) throws IOException {
        this.socket = new ServerSocket();
        this.socket.setReuseAddress(true);
        this.socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.rcptReply = rcptReply;
        this.thread = new Thread(this::serve, "rejecting-smtp-" + port);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** How many RCPT TO commands it refused. */
    int refused() {
        return refused.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                converse(client);
            } catch (IOException e) {
                // closed by the test, or the client went away: the next connection starts afresh
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII);
        reply(out, "220 rejecting.test ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.length() < 4 ? line.toUpperCase() : line.substring(0, 4).toUpperCase();
            switch (command) {
                case "EHLO", "HELO" -> reply(out, "250 rejecting.test");
                case "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
                case "RCPT" -> {
                    refused.incrementAndGet();
                    reply(out, rcptReply);
                }
                case "QUIT" -> {
                    reply(out, "221 Bye");
                    return;
                }
                default -> reply(out, "503 Bad sequence of commands");
            }
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
